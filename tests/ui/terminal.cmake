# The terminal widget offscreen over a real local shell (LocalPtyExecStream).
add_archnest_test(NAME test_terminal_view
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_terminal_view.cpp
  LIBS archnest_ui
  LABELS ui terminal
  TIMEOUT 180)

# Not a test: the window behind docs/images/terminal.png (see scripts/screenshot.sh --app).
add_executable(terminal_demo ${CMAKE_CURRENT_LIST_DIR}/tst_terminal_demo.cpp)
archnest_target_warnings(terminal_demo)
target_link_libraries(terminal_demo PRIVATE archnest_ui)
