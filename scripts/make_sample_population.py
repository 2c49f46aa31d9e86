#!/usr/bin/env python3
"""Writes a SYNTHETIC population grid over central Beijing as an ESRI ASCII grid (people per cell).

Not real data: a smooth peak of 900 people per 100 m cell at Wangfujing (116.4115 E, 39.9140 N)
falling off with distance (Gaussian, 2.5 km), on a 150 x 150 grid of 100 m cells in UTM zone 50N
(EPSG:32650) with the lower-left corner at 443,000 E, 4,410,000 N. Convert it to a GeoTIFF with GDAL:

    python3 scripts/make_sample_population.py > pop.asc
    gdal_translate -q -of GTiff -a_srs EPSG:32650 pop.asc pop.tif
"""
import math

ncols = nrows = 150
cell = 100.0
x0, y0 = 443_000.0, 4_410_000.0
# Wangfujing in UTM 50N: echo "116.4115 39.9140" | gdaltransform -s_srs EPSG:4326 -t_srs EPSG:32650
px, py = 449_700.0, 4_418_400.0
print(f"ncols {ncols}\nnrows {nrows}\nxllcorner {x0}\nyllcorner {y0}\ncellsize {cell}\nNODATA_value -1")
for r in range(nrows):
    y = y0 + (nrows - r - 0.5) * cell
    row = []
    for c in range(ncols):
        x = x0 + (c + 0.5) * cell
        d2 = (x - px) ** 2 + (y - py) ** 2
        row.append(str(round(900 * math.exp(-d2 / (2 * 2500.0 ** 2)))))
    print(" ".join(row))
