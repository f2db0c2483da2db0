#include <fts.h>
