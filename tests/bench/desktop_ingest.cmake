if(ARCHNEST_GUI)
  add_archnest_bench(NAME bench_desktop_ingest SOURCES ${CMAKE_CURRENT_LIST_DIR}/bench_desktop_ingest.cpp
    $<TARGET_OBJECTS:archnest_resources>
    LIBS archnest_ui)
  target_include_directories(bench_desktop_ingest PRIVATE ${CMAKE_SOURCE_DIR}/tests/integration)
endif()
