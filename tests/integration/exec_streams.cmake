# Interactive exec streams on the SSH and Engine API paths: closing one hangs up the exec in the
# container; flow control (pause/resume reading).
add_archnest_test(NAME test_exec_streams
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_exec_streams.cpp ${CMAKE_CURRENT_LIST_DIR}/tst_ssh_support.h
  LIBS archnest_core
  LABELS integration
  FIXTURES dockerd sshd
  TIMEOUT 500)
