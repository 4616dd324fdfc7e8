add_archnest_bench(NAME bench_agent_ingest SOURCES ${CMAKE_CURRENT_LIST_DIR}/bench_agent_ingest.cpp LIBS archnest_receiver)
add_archnest_bench(NAME bench_agent_parse SOURCES ${CMAKE_CURRENT_LIST_DIR}/bench_agent_parse.cpp
  LIBS archnest_core PkgConfig::SIMDJSON)
add_archnest_bench(NAME bench_agent_script SOURCES ${CMAKE_CURRENT_LIST_DIR}/bench_agent_script.cpp LIBS archnest_core)
