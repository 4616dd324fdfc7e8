# Exec stream flow control (pause/resume reading) on the SSH and Engine API paths.
add_archnest_test(NAME test_exec_flow_control
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_exec_flow_control.cpp ${CMAKE_CURRENT_LIST_DIR}/tst_ssh_support.h
  LIBS archnest_core
  LABELS integration
  FIXTURES dockerd sshd
  TIMEOUT 400)
