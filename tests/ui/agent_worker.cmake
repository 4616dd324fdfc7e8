add_archnest_test(NAME test_agent_worker
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_agent_worker.cpp ${CMAKE_SOURCE_DIR}/tests/integration/receiver_support.h
    $<TARGET_OBJECTS:archnest_resources>
  LIBS archnest_ui
  LABELS ui
  TIMEOUT 180)
target_include_directories(test_agent_worker PRIVATE ${CMAKE_SOURCE_DIR}/tests/integration)
add_archnest_shot(NAME shot_agent_settings TEST test_agent_worker)
