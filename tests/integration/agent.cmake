add_archnest_test(NAME test_agent_e2e
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_agent_e2e.cpp ${CMAKE_CURRENT_LIST_DIR}/receiver_support.h
  LIBS archnest_receiver
  LABELS integration
  FIXTURES dockerd
  TIMEOUT 240)
