add_archnest_bench(NAME bench_ssh SOURCES ${CMAKE_CURRENT_LIST_DIR}/bench_ssh.cpp LIBS archnest_core)
