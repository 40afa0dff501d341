// Sanitizer runtime defaults, linked into every executable of a VRMALL_SANITIZE build (see
// cmake/Sanitizers.cmake). The runtimes call these before main(); an environment variable set
// by hand still overrides any of them.
#include <dlfcn.h>

// Any UBSan finding stops the process with a non-zero status, so a test cannot pass over it.
extern "C" const char* __ubsan_default_options() {
  return "print_stacktrace=1:halt_on_error=1";
}

// Leaks are checked at exit; the init-order checks and the stack-use-after-return fake stacks
// catch more lifetime bugs than the defaults do.
extern "C" const char* __asan_default_options() {
  return "detect_leaks=1:strict_init_order=1:check_initialization_order=1:"
         "detect_stack_use_after_return=1";
}

// The only leaks tolerated are the system libraries' own, each named and explained in lsan.supp.
extern "C" const char* __lsan_default_options() {
  return "suppressions=" VRMALL_LSAN_SUPPRESSIONS ":print_suppressions=0";
}

// No shared library is unloaded in a sanitized build. The Vulkan loader dlcloses the ICD
// (Mesa's libvulkan_lvp.so) and the layers at vkDestroyInstance, and the OpenXR loader its
// runtime and layers at xrDestroyInstance; memory that such a library still held in its own
// globals then looks leaked, and LeakSanitizer can no longer name the frames ("<unknown
// module>"), so no suppression could be exact. Kept loaded, that memory stays reachable, and
// anything a driver really leaks is reported with its library's name. Defined here, in the
// executable, dlclose takes precedence over libc's for every library of the process.
extern "C" int dlclose(void* /*handle*/) {
  return 0;
}
