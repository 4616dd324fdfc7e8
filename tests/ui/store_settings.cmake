# Issue 22: the desktop on a shared PostgreSQL store (connection test, read-only role), offscreen.
add_archnest_test(NAME test_ui_store_settings
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_store_settings.cpp ${CMAKE_SOURCE_DIR}/tests/integration/receiver_store_support.h
    $<TARGET_OBJECTS:archnest_resources>
  LIBS archnest_ui Qt6::Sql
  LABELS ui
  FIXTURES postgres
  TIMEOUT 120)
target_include_directories(test_ui_store_settings PRIVATE ${CMAKE_SOURCE_DIR}/tests/integration)
add_archnest_shot(NAME shot_store_settings TEST test_ui_store_settings)
