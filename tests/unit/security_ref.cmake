add_archnest_test(NAME test_security_ref
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_security_ref.cpp
  LIBS archnest_core
  LABELS unit)
add_archnest_test(NAME test_security_control_chars
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_security_control_chars.cpp
  LIBS archnest_core
  LABELS unit)
