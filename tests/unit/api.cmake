add_archnest_test(NAME test_api_unit
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_api_unit.cpp
  LIBS archnest_core
  LABELS unit)

add_archnest_test(NAME test_api_http
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_api_http.cpp
  LIBS archnest_core
  LABELS unit)

add_archnest_test(NAME test_api_response_parser
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_api_response_parser.cpp
  LIBS archnest_core
  LABELS unit)
