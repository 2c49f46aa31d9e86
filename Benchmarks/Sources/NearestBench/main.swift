// Placeholder until the NearestBench benchmark is written; replace this file.
print("NearestBench: not written yet")
