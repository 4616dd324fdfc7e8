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

# `archnest-cli receive` with its SQLite store on a 4 MiB tmpfs it fills up (mount/umount: root).
add_archnest_test(NAME test_receiver_disk_full
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_receiver_disk_full.cpp ${CMAKE_CURRENT_LIST_DIR}/receiver_process.h
          ${CMAKE_CURRENT_LIST_DIR}/receiver_support.h
  LIBS archnest_core
  LABELS integration
  TIMEOUT 120)
add_dependencies(test_receiver_disk_full archnest-cli)

# kill -9 of `archnest-cli receive` under 100 concurrent posts, 5 rounds, SQLite and PostgreSQL.
add_archnest_test(NAME test_receiver_kill9
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_receiver_kill9.cpp ${CMAKE_CURRENT_LIST_DIR}/receiver_process.h
          ${CMAKE_CURRENT_LIST_DIR}/receiver_support.h
  LIBS archnest_core Qt6::Sql
  LABELS integration
  FIXTURES postgres
  TIMEOUT 300)
add_dependencies(test_receiver_kill9 archnest-cli)

# Its own private dockerd, stopped and started under open streams (never the shared fixture one;
# the fixture's image is copied from it).
add_archnest_test(NAME test_api_restart_streams
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_api_restart_streams.cpp ${CMAKE_CURRENT_LIST_DIR}/private_dockerd.h
          ${CMAKE_CURRENT_LIST_DIR}/ApiTestSupport.h
  LIBS archnest_core
  LABELS integration
  FIXTURES dockerd
  TIMEOUT 300)
