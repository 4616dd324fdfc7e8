add_archnest_test(NAME test_security_ref
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_security_ref.cpp
  LIBS archnest_core
  LABELS unit)
add_archnest_test(NAME test_security_control_chars
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_security_control_chars.cpp
  LIBS archnest_core
  LABELS unit)
# The receiver's token rules, as the CLI and the desktop's Settings apply them (issue 13).
add_archnest_test(NAME test_token_strength
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_token_strength.cpp
  LIBS archnest_receiver
  LABELS unit)
