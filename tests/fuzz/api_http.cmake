# Engine API HTTP responses (HttpResponseParser: llhttp, chunked, EOF bodies, 101 upgrade), the
# multiplexed stream framing (FrameDemuxer) and the JSON parsers (issue 12). The code under
# test is compiled into the target so libFuzzer's coverage sees it.
add_archnest_fuzzer(NAME api_http
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/fuzz_api_http.cpp
          ${CMAKE_SOURCE_DIR}/core/docker/api/HttpResponseParser.cpp
          ${CMAKE_SOURCE_DIR}/core/docker/api/FrameDemuxer.cpp
          ${CMAKE_SOURCE_DIR}/core/docker/api/DockerApiJson.cpp
  LIBS archnest_core archnest_llhttp
  CORPUS ${CMAKE_CURRENT_LIST_DIR}/api_http_corpus
  SECONDS 30)
