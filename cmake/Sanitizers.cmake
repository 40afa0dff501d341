# VRMALL_SANITIZE: AddressSanitizer + UndefinedBehaviorSanitizer (+ LeakSanitizer) for every
# target of ours (the `asan` preset). Every executable also gets the runtime defaults of
# cmake/sanitizers/defaults.cpp compiled in, so a test fails on any report however it is started
# (ctest, a script, xvfb-run, with-monado.sh) without anyone exporting *SAN_OPTIONS by hand.
option(VRMALL_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)

if(VRMALL_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()

# Called once at the end of the top-level CMakeLists, when every target exists.
function(vrmall_add_sanitizer_defaults)
  if(NOT VRMALL_SANITIZE)
    return()
  endif()
  set(directories ${CMAKE_SOURCE_DIR})
  while(directories)
    list(POP_FRONT directories dir)
    get_property(subdirs DIRECTORY ${dir} PROPERTY SUBDIRECTORIES)
    list(APPEND directories ${subdirs})
    get_property(targets DIRECTORY ${dir} PROPERTY BUILDSYSTEM_TARGETS)
    foreach(target IN LISTS targets)
      get_target_property(type ${target} TYPE)
      if(type STREQUAL "EXECUTABLE")
        target_sources(${target} PRIVATE ${CMAKE_SOURCE_DIR}/cmake/sanitizers/defaults.cpp)
        target_compile_definitions(${target} PRIVATE
          VRMALL_LSAN_SUPPRESSIONS="${CMAKE_SOURCE_DIR}/cmake/sanitizers/lsan.supp")
        # defaults.cpp's dlclose must be the one the shared libraries (the Vulkan and OpenXR
        # loaders) bind to.
        target_link_options(${target} PRIVATE -Wl,--export-dynamic-symbol=dlclose)
      endif()
    endforeach()
  endwhile()
endfunction()

# Tests that pass on a regular expression ignore the exit status, so in a sanitized build a
# report in their output fails them instead. Called at the top of each tests/ CMakeLists; it
# runs when that directory is done, so it sees every add_test of it.
function(vrmall_fail_tests_on_sanitizer_reports)
  if(VRMALL_SANITIZE)
    cmake_language(DEFER CALL _vrmall_fail_tests_on_sanitizer_reports_now)
  endif()
endfunction()
function(_vrmall_fail_tests_on_sanitizer_reports_now)
  get_property(tests DIRECTORY PROPERTY TESTS)
  foreach(test IN LISTS tests)
    set_property(TEST ${test} APPEND PROPERTY FAIL_REGULAR_EXPRESSION
                 "ERROR: AddressSanitizer" "ERROR: LeakSanitizer" "runtime error: ")
  endforeach()
endfunction()
