add_archnest_test(NAME test_agent_script
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_agent_script.cpp
  LIBS archnest_core
  LABELS unit
  TIMEOUT 120)
