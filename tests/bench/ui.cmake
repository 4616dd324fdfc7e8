if(ARCHNEST_GUI)
  add_archnest_bench(NAME bench_ui SOURCES ${CMAKE_CURRENT_LIST_DIR}/bench_ui.cpp LIBS archnest_ui)
endif()
