add_archnest_test(NAME test_cli_containers_integration
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_cli_containers.cpp
  LIBS archnest_core
  LABELS integration
  FIXTURES dockerd sshd
  TIMEOUT 600)
target_compile_definitions(test_cli_containers_integration PRIVATE ARCHNEST_CLI_PATH="$<TARGET_FILE:archnest-cli>")
add_dependencies(test_cli_containers_integration archnest-cli)
# logs --escape on a container printing terminal control sequences (issue 13).
add_archnest_test(NAME test_cli_logs_escape
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_cli_logs_escape.cpp
  LIBS archnest_core
  LABELS integration
  FIXTURES dockerd
  TIMEOUT 120)
target_compile_definitions(test_cli_logs_escape PRIVATE ARCHNEST_CLI_PATH="$<TARGET_FILE:archnest-cli>")
add_dependencies(test_cli_logs_escape archnest-cli)
add_archnest_test(NAME test_cli_ping_integration
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_cli_ping.cpp
  LIBS archnest_core
  LABELS integration
  FIXTURES dockerd sshd
  TIMEOUT 300)
target_compile_definitions(test_cli_ping_integration PRIVATE ARCHNEST_CLI_PATH="$<TARGET_FILE:archnest-cli>")
add_dependencies(test_cli_ping_integration archnest-cli)
