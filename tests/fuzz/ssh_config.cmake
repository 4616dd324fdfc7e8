# ssh_config parser and resolver (issue 15). The code under test is compiled into the target
# so libFuzzer's coverage instrumentation sees it; Match exec is never run by this target.
add_archnest_fuzzer(NAME ssh_config
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/fuzz_ssh_config.cpp
          ${CMAKE_SOURCE_DIR}/core/ssh/SshConfigLexer.cpp
          ${CMAKE_SOURCE_DIR}/core/ssh/SshConfigKeywords.cpp
          ${CMAKE_SOURCE_DIR}/core/ssh/SshConfigEngine.cpp
          ${CMAKE_SOURCE_DIR}/core/ssh/SshConfigPass.cpp
          ${CMAKE_SOURCE_DIR}/core/ssh/SshConfigDirectives.cpp
          ${CMAKE_SOURCE_DIR}/core/ssh/SshConfigFile.cpp
  LIBS archnest_core
  CORPUS ${CMAKE_CURRENT_LIST_DIR}/ssh_config_corpus
  SECONDS 30)
