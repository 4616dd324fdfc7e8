add_archnest_test(NAME test_inspect_json
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_inspect_json.cpp
  LIBS archnest_core
  LABELS unit)
