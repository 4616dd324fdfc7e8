add_archnest_test(NAME test_sshcli_source_integration
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_sshcli_source.cpp ${CMAKE_CURRENT_LIST_DIR}/tst_ssh_support.h
  LIBS archnest_core
  LABELS integration
  FIXTURES dockerd sshd
  TIMEOUT 600)
# The same tests over SSH with "dockerCommand": "podman" against the rootful Podman fixture.
add_archnest_test_variant(NAME test_sshcli_source_podman OF test_sshcli_source_integration
  LABELS integration podman
  FIXTURES podman sshd
  TIMEOUT 600
  ENV ARCHNEST_TEST_ENGINE=podman)
