# Interactive exec streams on the SSH and Engine API paths: closing one hangs up the exec in the
# container; flow control (pause/resume reading).
add_archnest_test(NAME test_exec_streams
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_exec_streams.cpp ${CMAKE_CURRENT_LIST_DIR}/tst_ssh_support.h
  LIBS archnest_core
  LABELS integration
  FIXTURES dockerd sshd
  TIMEOUT 500)
# Type-ahead in `archnest-cli exec` on a real PTY (util-linux `script`), SSH and tcp:// API.
add_archnest_test(NAME test_exec_typeahead_integration
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_exec_typeahead.cpp ${CMAKE_CURRENT_LIST_DIR}/tst_ssh_support.h
  LIBS archnest_core
  LABELS integration
  FIXTURES dockerd sshd
  TIMEOUT 600)
target_compile_definitions(test_exec_typeahead_integration PRIVATE ARCHNEST_CLI_PATH="$<TARGET_FILE:archnest-cli>")
add_dependencies(test_exec_typeahead_integration archnest-cli)
