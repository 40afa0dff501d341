# vrmall_set_warnings(target): the project's warning set, applied to our own targets only so
# third-party headers (Eigen, tinygltf, imgui) are included as SYSTEM and stay quiet.
function(vrmall_set_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
    -Woverloaded-virtual -Wnull-dereference -Wformat=2 -Wimplicit-fallthrough)
  if(VRMALL_NATIVE)
    target_compile_options(${target} PRIVATE -march=native)
  endif()
endfunction()
