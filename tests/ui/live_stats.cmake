# Live stats in a detail tab over the real Engine API (unix socket) and SSH sources.
add_archnest_test(NAME test_ui_live_stats
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_live_stats.cpp $<TARGET_OBJECTS:archnest_resources>
  LIBS archnest_ui
  LABELS ui
  FIXTURES dockerd sshd
  TIMEOUT 300)
target_include_directories(test_ui_live_stats PRIVATE ${CMAKE_SOURCE_DIR}/tests/integration)
