add_archnest_test(NAME test_api_source
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_api_source.cpp ${CMAKE_CURRENT_LIST_DIR}/ApiTestSupport.h
  LIBS archnest_core
  LABELS integration
  FIXTURES dockerd
  TIMEOUT 600)

target_compile_definitions(test_api_source PRIVATE ARCHNEST_CLI_PATH="$<TARGET_FILE:archnest-cli>")
add_dependencies(test_api_source archnest-cli)

# The same tests against Podman's Docker-compatible API (podman system service, unix socket).
add_archnest_test_variant(NAME test_api_source_podman OF test_api_source
  LABELS integration podman
  FIXTURES podman
  TIMEOUT 600
  ENV ARCHNEST_TEST_ENGINE=podman)

add_archnest_test(NAME test_api_tls
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_api_tls.cpp ${CMAKE_CURRENT_LIST_DIR}/ApiTestSupport.h
  LIBS archnest_core
  LABELS integration
  FIXTURES dockerd
  TIMEOUT 120)

# Starts and restarts its own private dockerd (never the shared fixture one).
add_archnest_test(NAME test_api_restart
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_api_restart.cpp ${CMAKE_CURRENT_LIST_DIR}/ApiTestSupport.h
  LIBS archnest_core
  LABELS integration
  FIXTURES dockerd
  TIMEOUT 400)

# archnest-cli end to end on tcp://, TLS (DOCKER_TLS_VERIFY / DOCKER_CERT_PATH) and unix:// hosts.
add_archnest_test(NAME test_api_cli
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_api_cli.cpp ${CMAKE_CURRENT_LIST_DIR}/ApiTestSupport.h
  LIBS archnest_core
  LABELS integration
  FIXTURES dockerd
  TIMEOUT 400)
target_compile_definitions(test_api_cli PRIVATE ARCHNEST_CLI_PATH="$<TARGET_FILE:archnest-cli>")
add_dependencies(test_api_cli archnest-cli)
