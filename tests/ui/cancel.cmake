add_archnest_test(NAME test_ui_cancel
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_cancel_ui.cpp $<TARGET_OBJECTS:archnest_resources>
  LIBS archnest_ui
  LABELS ui
  FIXTURES dockerd
  TIMEOUT 300)
target_include_directories(test_ui_cancel PRIVATE ${CMAKE_SOURCE_DIR}/tests/integration)
