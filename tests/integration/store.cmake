add_archnest_test(NAME test_store
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_store.cpp ${CMAKE_CURRENT_LIST_DIR}/receiver_support.h
  LIBS archnest_core
  LABELS integration
  FIXTURES postgres
  TIMEOUT 120)

# Starts its own PostgreSQL (tests/fixtures/postgres.sh in a private folder) so it can stop and
# restart it; needs root like the postgres fixture.
add_archnest_test(NAME test_store_outage
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_store_outage.cpp ${CMAKE_CURRENT_LIST_DIR}/receiver_support.h
  LIBS archnest_receiver
  LABELS integration
  TIMEOUT 300)
add_dependencies(test_store_outage archnest-cli)
# The store service's threading, without widgets (also run under ThreadSanitizer).
add_archnest_test(NAME test_store_service
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_store_service.cpp ${CMAKE_CURRENT_LIST_DIR}/receiver_support.h
  LIBS archnest_core
  LABELS integration
  TIMEOUT 120)
# Issue 22: the shared PostgreSQL store with an owner, a writer and a read-only role (probe,
# read-only open, migration refused, sslmode / passfile).
add_archnest_test(NAME test_store_roles
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_store_roles.cpp ${CMAKE_CURRENT_LIST_DIR}/receiver_store_support.h
  LIBS archnest_core Qt6::Sql
  LABELS integration
  FIXTURES postgres
  TIMEOUT 120)
