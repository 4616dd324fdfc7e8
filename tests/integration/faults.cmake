# Faults injected (issue 12): a network partition under an SSH session (iptables DROP on a
# private sshd's loopback port), dockerd restarted under open streams (a private dockerd), the
# store's disk full (a small tmpfs) and kill -9 of the receiver under concurrent posts. Each
# test starts and stops what it breaks by pid / exact spec; none touches a shared fixture.
add_archnest_test(NAME test_ssh_partition
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_ssh_partition.cpp ${CMAKE_CURRENT_LIST_DIR}/tst_ssh_support.h
  LIBS archnest_core
  LABELS integration
  FIXTURES dockerd sshd
  TIMEOUT 180)
