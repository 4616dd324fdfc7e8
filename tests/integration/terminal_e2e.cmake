# The exec terminal end to end over the SSH source and the Engine API source (offscreen widget).
if(TARGET archnest_ui)
  add_archnest_test(NAME test_terminal_e2e
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_terminal_e2e.cpp
    LIBS archnest_ui
    LABELS integration terminal
    FIXTURES dockerd sshd
    TIMEOUT 400)
endif()
