# vrmall --xr with no OpenXR runtime (XR_RUNTIME_JSON names a file that is not there): one line
# naming the OpenXR result and what to do, a non-zero exit, no crash.
execute_process(
  COMMAND ${CMAKE_COMMAND} -E env XR_RUNTIME_JSON=/nonexistent/openxr_runtime.json
          ${VRMALL} --xr --frames 1 --out ${CMAKE_CURRENT_BINARY_DIR}/xr-unavailable
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${out}${err}")
if(rc EQUAL 0 OR NOT rc MATCHES "^[0-9]+$")
  message(FATAL_ERROR "vrmall --xr without a runtime exited with '${rc}', not a clean non-zero status")
endif()
if(NOT err MATCHES "vrmall: no headset: [a-zA-Z]+ returned XR_ERROR_RUNTIME_UNAVAILABLE -- no OpenXR runtime answered")
  message(FATAL_ERROR "vrmall --xr without a runtime did not say why")
endif()
string(REGEX MATCHALL "\n" lines "${err}")
list(LENGTH lines count)
if(count GREATER 1)
  message(FATAL_ERROR "more than one line on stderr:\n${err}")
endif()
