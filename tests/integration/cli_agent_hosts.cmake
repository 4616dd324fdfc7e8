# archnest-cli lists and reads the push-agent hosts of the local report store.
add_archnest_test(NAME test_cli_agent_hosts
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_cli_agent_hosts.cpp ${CMAKE_CURRENT_LIST_DIR}/receiver_support.h
  LIBS archnest_core Qt6::Sql
  LABELS integration
  TIMEOUT 120)
add_dependencies(test_cli_agent_hosts archnest-cli)
