add_archnest_fuzzer(NAME receiver_request
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/fuzz_receiver_request.cpp
  LIBS archnest_receiver
  CORPUS ${CMAKE_CURRENT_LIST_DIR}/receiver_corpus
  SECONDS 60)
