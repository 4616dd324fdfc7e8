# Container-ref validation + POSIX quoting (issue 4). The code under test is compiled into the
# target itself (not only linked from archnest_core) so libFuzzer's coverage instrumentation
# sees it. The replay test also runs every corpus input through a real /bin/sh
# (`printf '%s\0'`) to prove it arrives as one literal argument.
add_archnest_fuzzer(NAME ref_quote
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/fuzz_ref_quote.cpp
          ${CMAKE_SOURCE_DIR}/core/security/ContainerRef.cpp
          ${CMAKE_SOURCE_DIR}/core/security/ShellQuote.cpp
          ${CMAKE_SOURCE_DIR}/core/docker/sshcli/DockerCliCommands.cpp
  LIBS archnest_core
  CORPUS ${CMAKE_CURRENT_LIST_DIR}/ref_quote_corpus
  SECONDS 30)
target_compile_definitions(test_fuzz_ref_quote_replay PRIVATE ARCHNEST_FUZZ_REAL_SHELL=1)
