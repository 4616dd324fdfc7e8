# The desktop app's start-up pieces: translations loaded by locale, SIGTERM quits cleanly.
add_archnest_test(NAME test_app_startup
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_app_startup.cpp $<TARGET_OBJECTS:archnest_resources>
  LIBS archnest_ui
  LABELS ui
  TIMEOUT 120)
