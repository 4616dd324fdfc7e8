# The embedded terminal's screen model (no widget) and the CLI's raw local terminal.
if(TARGET archnest_terminal)
  add_archnest_test(NAME test_terminal_screen
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_terminal_screen.cpp
    LIBS archnest_terminal
    LABELS unit terminal)
endif()

add_archnest_test(NAME test_terminal_rawmode
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_terminal_rawmode.cpp
  LIBS archnest_cli
  LABELS unit terminal)

# Issue 24: hostile and split byte streams through the screen model, and its pre-parser alone.
if(TARGET archnest_terminal)
  add_archnest_test(NAME test_terminal_stream
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_terminal_stream.cpp
    LIBS archnest_terminal
    LABELS unit terminal)
endif()
if(TARGET archnest_terminal)
  add_archnest_test(NAME test_terminal_input_filter
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_terminal_input_filter.cpp
    LIBS archnest_terminal
    LABELS unit terminal)
endif()
# Issue 14: Find in the terminal (scrollback + screen), no widget.
if(TARGET archnest_terminal)
  add_archnest_test(NAME test_terminal_search
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_terminal_search.cpp
    LIBS archnest_terminal
    LABELS unit terminal)
endif()
