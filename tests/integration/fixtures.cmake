add_archnest_test(NAME test_fixtures_integration
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_fixtures.cpp
  LIBS archnest_core
  LABELS integration
  FIXTURES dockerd sshd
  TIMEOUT 120)
