# Closing an exec terminal ends the exec in the container (SSH and Engine API paths).
add_archnest_test(NAME test_exec_hangup
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_exec_hangup.cpp ${CMAKE_CURRENT_LIST_DIR}/tst_ssh_support.h
  LIBS archnest_core
  LABELS integration
  FIXTURES dockerd sshd
  TIMEOUT 300)
