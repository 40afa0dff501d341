# One fuzz target for a fixed number of inputs: a fresh working corpus (copied from the seeds,
# which stay untouched), a fixed seed so a run can be repeated, per-input time and memory limits.
# Prints how many inputs ran; a crash, leak, timeout or out-of-memory fails with the input kept.
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK}/corpus)
foreach(dir IN LISTS SEEDS)
  if(EXISTS ${dir})
    file(GLOB_RECURSE files LIST_DIRECTORIES false ${dir}/*)
    foreach(f IN LISTS files)
      file(SIZE ${f} size)
      if(size LESS 200000)
        string(MD5 key "${f}")
        file(COPY_FILE ${f} ${WORK}/corpus/${key})
      endif()
    endforeach()
  endif()
endforeach()
execute_process(
  COMMAND ${FUZZER} -runs=${RUNS} -seed=1 -max_len=65536 -timeout=20 -rss_limit_mb=2048
          -print_final_stats=1 -artifact_prefix=${WORK}/ ${WORK}/corpus
  WORKING_DIRECTORY ${WORK}
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
string(REGEX MATCH "stat::number_of_executed_units: *[0-9]+" units "${err}")
message(STATUS "${units}")
if(NOT rc EQUAL 0)
  file(GLOB found ${WORK}/crash-* ${WORK}/leak-* ${WORK}/timeout-* ${WORK}/oom-*)
  message(FATAL_ERROR "the fuzzer found a problem (kept: ${found}); add it to "
                      "tests/fuzz/regressions/ once fixed\n${err}")
endif()
