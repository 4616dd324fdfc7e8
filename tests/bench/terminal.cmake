# Terminal throughput (view vs raw libvterm) and event-loop lag; needs the GUI build.
if(TARGET archnest_ui)
  add_archnest_bench(NAME bench_terminal
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/bench_terminal.cpp
    LIBS archnest_ui PkgConfig::VTERM)
endif()
