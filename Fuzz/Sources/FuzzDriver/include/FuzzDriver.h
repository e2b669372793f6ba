#ifndef FUZZ_DRIVER_H
#define FUZZ_DRIVER_H
#include <stddef.h>
#include <stdint.h>

/// libFuzzer's entry for programs that have their own main: it parses the
/// command line as libFuzzer's main would and calls `callback` per input.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

/// LeakSanitizer's switches (in the address sanitizer's runtime): what is
/// allocated between them is never reported. The harnesses warm up there.
void __lsan_disable(void);
void __lsan_enable(void);

#endif
