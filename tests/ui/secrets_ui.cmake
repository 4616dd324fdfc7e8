add_archnest_test(NAME test_ui_secrets
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_ui_secrets.cpp $<TARGET_OBJECTS:archnest_resources>
  LIBS archnest_ui
  LABELS ui
  FIXTURES keyring
  TIMEOUT 120)
target_include_directories(test_ui_secrets PRIVATE ${CMAKE_SOURCE_DIR}/tests/unit ${CMAKE_SOURCE_DIR}/tests/integration)
