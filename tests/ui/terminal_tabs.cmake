# Exec terminal tabs in the desktop window over the real Engine API (unix socket) and SSH sources.
add_archnest_test(NAME test_ui_terminal_tabs
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_terminal_tabs.cpp
  LIBS archnest_ui
  LABELS ui terminal
  FIXTURES dockerd sshd
  TIMEOUT 300)
target_include_directories(test_ui_terminal_tabs PRIVATE ${CMAKE_SOURCE_DIR}/tests/integration)
add_archnest_shot(NAME shot_exec_terminal TEST test_ui_terminal_tabs)
