add_archnest_test(NAME test_secret_store
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_secret_store.cpp ${CMAKE_CURRENT_LIST_DIR}/SecretTestSupport.h
  LIBS archnest_core
  LABELS unit
  FIXTURES keyring
  TIMEOUT 120)
add_archnest_test(NAME test_secret_store_nokeychain
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_secret_store_nokeychain.cpp ${CMAKE_CURRENT_LIST_DIR}/SecretTestSupport.h
  LIBS archnest_core
  LABELS unit
  ENV DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent/archnest-no-bus
  TIMEOUT 120)
