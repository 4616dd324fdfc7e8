add_archnest_test(NAME test_ui_e2e
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_ui_e2e.cpp $<TARGET_OBJECTS:archnest_resources>
  LIBS archnest_ui
  LABELS ui
  FIXTURES dockerd sshd
  TIMEOUT 300)
target_include_directories(test_ui_e2e PRIVATE ${CMAKE_SOURCE_DIR}/tests/integration)
