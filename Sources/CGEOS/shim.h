// Exposes the reentrant GEOS C API (functions ending in _r) to Swift.
#include <geos_c.h>
