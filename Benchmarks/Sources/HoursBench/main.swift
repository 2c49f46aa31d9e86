// Placeholder until the HoursBench benchmark is written; replace this file.
print("HoursBench: not written yet")
