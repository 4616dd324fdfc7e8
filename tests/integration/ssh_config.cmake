# ssh_config resolution, differentially against the real OpenSSH client (`ssh -G`, issue 15):
# every alias of every config under tests/data/ssh_config, every field of
# `archnest-cli ssh-config resolve --json`.
add_archnest_test(NAME test_ssh_config_diff_integration
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_ssh_config_diff.cpp
  LIBS archnest_core
  LABELS integration
  TIMEOUT 600)
target_compile_definitions(test_ssh_config_diff_integration PRIVATE ARCHNEST_CLI_PATH="$<TARGET_FILE:archnest-cli>"
  SSH_CONFIG_CORPUS="${CMAKE_SOURCE_DIR}/tests/data/ssh_config")
add_dependencies(test_ssh_config_diff_integration archnest-cli)
# ProxyCommand, Match-routed jumps and Included hosts end to end on the sshd fixtures.
add_archnest_test(NAME test_ssh_proxy_command_integration
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_ssh_proxy_command.cpp ${CMAKE_CURRENT_LIST_DIR}/tst_ssh_support.h
  LIBS archnest_core
  LABELS integration
  FIXTURES dockerd sshd
  TIMEOUT 300)
# IdentityFile (all), known_hosts files (all), HostKeyAlias, IdentitiesOnly / IdentityAgent (a
# real ssh-agent), ConnectTimeout / ServerAlive* from ~/.ssh/config, on the sshd fixture.
add_archnest_test(NAME test_ssh_config_connect_integration
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_ssh_config_connect.cpp ${CMAKE_CURRENT_LIST_DIR}/tst_ssh_support.h
  LIBS archnest_core
  LABELS integration
  FIXTURES dockerd sshd
  TIMEOUT 300)
# Docker contexts (made by the real docker CLI) and DOCKER_HOST imported as hosts; an ssh://
# context connected on the sshd fixture.
add_archnest_test(NAME test_docker_context_import_integration
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_docker_context_import.cpp ${CMAKE_CURRENT_LIST_DIR}/tst_ssh_support.h
  LIBS archnest_core
  LABELS integration
  FIXTURES dockerd sshd
  TIMEOUT 300)
target_compile_definitions(test_docker_context_import_integration PRIVATE ARCHNEST_CLI_PATH="$<TARGET_FILE:archnest-cli>")
add_dependencies(test_docker_context_import_integration archnest-cli)
