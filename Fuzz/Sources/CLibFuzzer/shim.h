// libFuzzer's entry point for programs that keep their own main (compiler-rt,
// FuzzerInterface.h). The fuzz executables are linked with -sanitize=fuzzer, which supplies it.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
