# Writes the version header from the project() version plus the git commit, when there is one.
execute_process(
  COMMAND git -C ${CMAKE_SOURCE_DIR} rev-parse --short HEAD
  OUTPUT_VARIABLE VRMALL_GIT_COMMIT OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
if(NOT VRMALL_GIT_COMMIT)
  set(VRMALL_GIT_COMMIT "unknown")
endif()
configure_file(${CMAKE_SOURCE_DIR}/cmake/version.h.in ${CMAKE_BINARY_DIR}/generated/vrmall/version.h @ONLY)
add_library(vrmall_version INTERFACE)
target_include_directories(vrmall_version INTERFACE ${CMAKE_BINARY_DIR}/generated)
