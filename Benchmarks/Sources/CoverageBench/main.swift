// Placeholder until the CoverageBench benchmark is written; replace this file.
print("CoverageBench: not written yet")
