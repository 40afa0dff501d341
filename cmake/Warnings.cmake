include(CheckCXXSourceRuns)
check_cxx_source_runs("int main() { return __builtin_cpu_supports(\"avx2\") && __builtin_cpu_supports(\"fma\") ? 0 : 1; }"
                      VRMALL_HOST_HAS_AVX2)

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
  if(VRMALL_NATIVE AND VRMALL_HOST_HAS_AVX2)
    # x86-64-v3 (AVX2 + FMA) rather than -march=native: the same speed for Eigen's float kernels,
    # portable across current x86 machines, and none of GCC 12's AVX-512 header false positives.
    target_compile_options(${target} PRIVATE -march=x86-64-v3)
  endif()
endfunction()
