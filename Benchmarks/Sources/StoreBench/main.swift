// Placeholder until the StoreBench benchmark is written; replace this file.
print("StoreBench: not written yet")
