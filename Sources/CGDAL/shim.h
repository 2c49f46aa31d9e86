// Exposes GDAL's C API (rasters) and OGR's spatial-reference C API (Debian: libgdal-dev) to Swift.
#include <gdal.h>
#include <ogr_srs_api.h>
#include <cpl_error.h>
#include <cpl_conv.h>
