add_archnest_test(NAME test_ui_host_errors
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_host_errors.cpp $<TARGET_OBJECTS:archnest_resources>
  LIBS archnest_ui
  LABELS ui
  FIXTURES dockerd sshd
  TIMEOUT 400)
target_include_directories(test_ui_host_errors PRIVATE ${CMAKE_SOURCE_DIR}/tests/integration)
add_archnest_shot(NAME shot_host_errors TEST test_ui_host_errors)
