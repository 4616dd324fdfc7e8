add_archnest_test(NAME test_sshcli_commands
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_sshcli_commands.cpp
  LIBS archnest_core
  LABELS unit)
add_archnest_test(NAME test_sshcli_parsers
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_sshcli_parsers.cpp
  LIBS archnest_core
  LABELS unit)
