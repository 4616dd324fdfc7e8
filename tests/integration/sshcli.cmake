add_archnest_test(NAME test_sshcli_source_integration
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_sshcli_source.cpp ${CMAKE_CURRENT_LIST_DIR}/tst_ssh_support.h
  LIBS archnest_core
  LABELS integration
  FIXTURES dockerd sshd
  TIMEOUT 600)
