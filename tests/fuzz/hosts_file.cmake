# The hosts file parser and writer (issue 12). The code under test is compiled into the target
# so libFuzzer's coverage sees it.
add_archnest_fuzzer(NAME hosts_file
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/fuzz_hosts_file.cpp
          ${CMAKE_SOURCE_DIR}/core/config/HostsFile.cpp
  LIBS archnest_core
  CORPUS ${CMAKE_CURRENT_LIST_DIR}/hosts_file_corpus
  SECONDS 30)
