add_archnest_bench(NAME bench_ssh SOURCES ${CMAKE_CURRENT_LIST_DIR}/bench_ssh.cpp LIBS archnest_core)
target_compile_definitions(bench_ssh PRIVATE ARCHNEST_CLI_PATH="$<TARGET_FILE:archnest-cli>")
add_dependencies(bench_ssh archnest-cli)
