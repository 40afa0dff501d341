# A corrupt saved profile: vrmall says which file and where it stops making sense, keeps it aside
# byte for byte, and opens the store with a fresh profile (exit 0).
file(REMOVE_RECURSE ${DIR})
file(MAKE_DIRECTORY ${DIR})
set(broken "{\"format\": \"vrmall-shopper\", \"version\": 1, \"avatar\": {\"height_")
file(WRITE ${DIR}/shopper.json "${broken}")
execute_process(
  COMMAND ${CMAKE_COMMAND} -E env XR_RUNTIME_JSON=/nonexistent/openxr_runtime.json
          ${XVFB_RUN} -a -s "-screen 0 1024x768x24" ${VRMALL} --window --frames 3 --width 320
          --height 180 --out ${DIR}/out --profile-dir ${DIR} --store ${STORE}
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "vrmall exited ${rc} with a corrupt profile:\n${out}\n${err}")
endif()
if(NOT err MATCHES "shopper.json: byte [0-9]+: not valid JSON.*kept as .*shopper.json.unreadable-")
  message(FATAL_ERROR "no clear report of the corrupt profile:\n${err}")
endif()
file(GLOB backups ${DIR}/shopper.json.unreadable-*)
list(LENGTH backups n)
if(NOT n EQUAL 1)
  message(FATAL_ERROR "expected one backup, found ${n}: ${backups}")
endif()
file(READ ${backups} kept)
if(NOT kept STREQUAL broken)
  message(FATAL_ERROR "the backup differs from the corrupt file")
endif()
message(STATUS "reported, kept aside as ${backups}, and the window opened")
