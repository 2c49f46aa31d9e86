// Exposes the GLPK C API (Debian: libglpk-dev) to Swift.
#include <glpk.h>
