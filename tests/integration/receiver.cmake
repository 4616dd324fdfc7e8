add_archnest_test(NAME test_receiver
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_receiver.cpp ${CMAKE_CURRENT_LIST_DIR}/receiver_support.h
  LIBS archnest_receiver
  LABELS integration
  TIMEOUT 120)
