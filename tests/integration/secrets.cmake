add_archnest_test(NAME test_ssh_keychain_integration
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_ssh_keychain.cpp ${CMAKE_CURRENT_LIST_DIR}/tst_ssh_support.h
          ${CMAKE_CURRENT_SOURCE_DIR}/unit/SecretTestSupport.h
  LIBS archnest_core
  LABELS integration
  FIXTURES dockerd sshd keyring
  TIMEOUT 300)
target_compile_definitions(test_ssh_keychain_integration PRIVATE ARCHNEST_CLI_PATH="$<TARGET_FILE:archnest-cli>")
add_dependencies(test_ssh_keychain_integration archnest-cli)
