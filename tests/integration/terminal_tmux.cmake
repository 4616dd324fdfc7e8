# The terminal screen model against tmux as the oracle, over the streams in tests/data/terminal
# (issue 24). Needs the Debian package tmux (scripts/deps.sh test).
if(TARGET archnest_terminal)
  add_archnest_test(NAME test_terminal_tmux_diff
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_terminal_tmux_diff.cpp
    LIBS archnest_terminal
    LABELS integration terminal
    TIMEOUT 600)
endif()
