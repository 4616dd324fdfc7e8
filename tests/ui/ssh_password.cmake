add_archnest_test(NAME test_ui_ssh_password
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_ssh_password.cpp $<TARGET_OBJECTS:archnest_resources>
  LIBS archnest_ui
  LABELS ui
  FIXTURES sshd keyring
  TIMEOUT 300)
target_include_directories(test_ui_ssh_password PRIVATE ${CMAKE_SOURCE_DIR}/tests/unit ${CMAKE_SOURCE_DIR}/tests/integration)
