/* tree-sitter's runtime, compiled into pyvet's addon from the copy the `tree-sitter` package vendors (see binding.gyp). */
#include "lib.c"
