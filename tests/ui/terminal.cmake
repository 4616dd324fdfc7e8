# The terminal widget offscreen over a real local shell (LocalPtyExecStream).
add_archnest_test(NAME test_terminal_view
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_terminal_view.cpp
  LIBS archnest_ui
  LABELS ui terminal
  TIMEOUT 180)
