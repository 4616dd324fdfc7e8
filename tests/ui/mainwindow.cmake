add_archnest_test(NAME test_mainwindow
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_mainwindow.cpp $<TARGET_OBJECTS:archnest_resources>
  LIBS archnest_ui
  LABELS ui)
add_dependencies(test_mainwindow archnest) # runs `archnest --help` without a display
