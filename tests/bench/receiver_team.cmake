# Issue 22: receivers side by side on PostgreSQL behind HAProxy (needs bench.sh's postgres fixture).
add_archnest_bench(NAME bench_receiver_team SOURCES ${CMAKE_CURRENT_LIST_DIR}/bench_receiver_team.cpp
  LIBS archnest_core Qt6::Sql)
if(TARGET archnest-cli)
  add_dependencies(bench_receiver_team archnest-cli)
endif()
