add_archnest_test(NAME test_store
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_store.cpp ${CMAKE_CURRENT_LIST_DIR}/receiver_support.h
  LIBS archnest_core
  LABELS integration
  FIXTURES postgres
  TIMEOUT 120)
# The store service's threading, without widgets (also run under ThreadSanitizer).
add_archnest_test(NAME test_store_service
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_store_service.cpp ${CMAKE_CURRENT_LIST_DIR}/receiver_support.h
  LIBS archnest_core
  LABELS integration
  TIMEOUT 120)
