add_archnest_test(NAME test_result
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_result.cpp
  LIBS archnest_core
  LABELS unit)

add_archnest_test(NAME test_cli_basics
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_cli_basics.cpp
  LIBS archnest_core
  LABELS unit)
target_compile_definitions(test_cli_basics PRIVATE ARCHNEST_CLI_PATH="$<TARGET_FILE:archnest-cli>")
add_dependencies(test_cli_basics archnest-cli)
