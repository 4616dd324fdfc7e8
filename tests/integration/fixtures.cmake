add_archnest_test(NAME test_fixtures_integration
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_fixtures.cpp
  LIBS archnest_core
  LABELS integration
  FIXTURES dockerd sshd
  TIMEOUT 120)
add_archnest_test_variant(NAME test_fixtures_podman OF test_fixtures_integration
  LABELS integration podman
  FIXTURES podman sshd
  TIMEOUT 120
  ENV ARCHNEST_TEST_ENGINE=podman)
