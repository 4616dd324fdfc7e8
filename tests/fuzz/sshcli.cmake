# The docker CLI output parsers (ps, inspect, stats, env, the live stats stream; issue 12). The
# code under test is compiled into the target so libFuzzer's coverage sees it.
add_archnest_fuzzer(NAME sshcli_parsers
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/fuzz_sshcli_parsers.cpp
          ${CMAKE_SOURCE_DIR}/core/docker/sshcli/DockerCliParsers.cpp
          ${CMAKE_SOURCE_DIR}/core/docker/InspectJson.cpp
  LIBS archnest_core
  CORPUS ${CMAKE_CURRENT_LIST_DIR}/sshcli_corpus
  SECONDS 30)
