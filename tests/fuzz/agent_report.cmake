# The push agent's report validator, masking and lookup (issue 12), on its own: the receiver
# target reaches it only through HTTP. The code under test is compiled into the target so
# libFuzzer's coverage sees it.
add_archnest_fuzzer(NAME agent_report
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/fuzz_agent_report.cpp
          ${CMAKE_SOURCE_DIR}/core/docker/agent/AgentReport.cpp
  LIBS archnest_core
  CORPUS ${CMAKE_CURRENT_LIST_DIR}/agent_report_corpus
  SECONDS 30)
