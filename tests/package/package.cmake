# Packaging and installed documentation.
# test_cli_docs: the man page and the bash completion against `archnest-cli --help` (any build).
add_test(NAME test_cli_docs COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/check_cli_docs.sh $<TARGET_FILE:archnest-cli>)
set_tests_properties(test_cli_docs PROPERTIES LABELS unit TIMEOUT 120)
if(ARCHNEST_GUI)
  # test_translations: translations/*.ts up to date with ui/ (lupdate), no user-visible string
  # outside tr() in ui/ (scripts/check_untranslated.py with its allowlist).
  add_test(NAME test_translations COMMAND bash ${CMAKE_SOURCE_DIR}/scripts/translations.sh check)
  set_tests_properties(test_translations PROPERTIES LABELS unit TIMEOUT 120)
  # test_package: the Debian packages from this (already built) tree, installed with apt, run,
  # purged. Needs root; changes the machine's installed packages for its duration.
  add_test(NAME test_package COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/package_test.sh ${CMAKE_BINARY_DIR})
  set_tests_properties(test_package PROPERTIES LABELS package TIMEOUT 600 RESOURCE_LOCK system-packages)
endif()
