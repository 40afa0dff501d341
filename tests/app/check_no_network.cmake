# Privacy: vrmall opens no network connection. The headless tour (the shopping guide trained,
# gaze and actions posted, plans applied, images written) and the window under Xvfb run under
# strace, which records every socket(2) and connect(2) of the process and all its threads: no
# Internet (AF_INET, AF_INET6) or raw (AF_PACKET) socket may appear. Local AF_UNIX sockets (the
# X server, the OpenXR runtime) are the machine's own.
find_program(STRACE strace)
if(NOT STRACE)
  message(FATAL_ERROR "strace is missing (scripts/packages.txt installs it)")
endif()
file(REMOVE_RECURSE ${OUT})
file(MAKE_DIRECTORY ${OUT})
set(runs "tour;window")
foreach(run IN LISTS runs)
  if(run STREQUAL "tour")
    set(cmd ${VRMALL} --headless --tour ${TOUR} --out ${OUT}/tour --width 160 --height 90
            --store ${STORE} --no-validation)
  else()
    set(cmd ${XVFB_RUN} -a -s "-screen 0 1024x768x24" ${VRMALL} --window --frames 3 --width 320
            --height 180 --out ${OUT}/window --store ${STORE} --no-validation)
  endif()
  execute_process(
    # LeakSanitizer cannot run under ptrace (strace); leaks are checked by every other test.
    COMMAND ${CMAKE_COMMAND} -E env XR_RUNTIME_JSON=/nonexistent/openxr_runtime.json
            ASAN_OPTIONS=detect_leaks=0
            ${STRACE} -f -qq -e trace=socket,connect -o ${OUT}/${run}.strace ${cmd}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${run} exited ${rc}:\n${out}\n${err}")
  endif()
  file(READ ${OUT}/${run}.strace trace)
  if(trace MATCHES "socket\\((AF_INET|AF_INET6|AF_PACKET)[^\n]*")
    message(FATAL_ERROR "${run}: a network socket was opened: ${CMAKE_MATCH_0}")
  endif()
  string(REGEX MATCHALL "socket\\(AF_[A-Z0-9]+" kinds "${trace}")
  list(REMOVE_DUPLICATES kinds)
  message(STATUS "${run}: no network socket (socket calls seen: ${kinds})")
endforeach()
