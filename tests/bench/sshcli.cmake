add_archnest_bench(NAME bench_sshcli SOURCES ${CMAKE_CURRENT_LIST_DIR}/bench_sshcli.cpp LIBS archnest_core)
