add_archnest_bench(NAME bench_api SOURCES ${CMAKE_CURRENT_LIST_DIR}/bench_api.cpp LIBS archnest_core PkgConfig::SIMDJSON)
