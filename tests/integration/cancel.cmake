add_archnest_test(NAME test_cancel_sources
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_cancel_sources.cpp ${CMAKE_CURRENT_LIST_DIR}/tst_ssh_support.h
          ${CMAKE_CURRENT_LIST_DIR}/ApiTestSupport.h
  LIBS archnest_core
  LABELS integration
  FIXTURES dockerd sshd
  TIMEOUT 600)
