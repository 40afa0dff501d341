# vrmall_set_warnings(target): the project's warning set, applied to our own targets only so
# third-party headers (Eigen, tinygltf, imgui) are included as SYSTEM and stay quiet.
function(vrmall_set_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
    -Woverloaded-virtual -Wformat=2 -Wimplicit-fallthrough)
  # GCC 12 reports -Wrestrict false positives inside libstdc++'s std::string at -O3 (GCC PR 105651).
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    target_compile_options(${target} PRIVATE -Wno-restrict)
  endif()
  if(VRMALL_NATIVE)
    target_compile_options(${target} PRIVATE -march=native)
  endif()
endfunction()
