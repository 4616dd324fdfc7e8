add_archnest_test(NAME test_ssh_session_integration
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_ssh_session.cpp ${CMAKE_CURRENT_LIST_DIR}/tst_ssh_support.h
  LIBS archnest_core
  LABELS integration
  FIXTURES dockerd sshd
  TIMEOUT 300)
add_archnest_test(NAME test_ssh_resilience_integration
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_ssh_resilience.cpp ${CMAKE_CURRENT_LIST_DIR}/tst_ssh_support.h
  LIBS archnest_core
  LABELS integration
  FIXTURES dockerd sshd
  TIMEOUT 300)
# known_hosts markers against the real sshd fixture: @revoked refused on every hop; a CA-signed
# host (@cert-authority, a spawned sshd with host certificates) asked about as unknown.
add_archnest_test(NAME test_ssh_hostkeys_markers_integration
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_ssh_hostkey_markers.cpp ${CMAKE_CURRENT_LIST_DIR}/tst_ssh_support.h
  LIBS archnest_core
  LABELS integration
  FIXTURES dockerd sshd
  TIMEOUT 180)
add_archnest_test(NAME test_ssh_idle_integration
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_ssh_idle.cpp ${CMAKE_CURRENT_LIST_DIR}/tst_ssh_support.h
  LIBS archnest_core
  LABELS integration
  FIXTURES sshd
  TIMEOUT 300)
