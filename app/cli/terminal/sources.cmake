target_sources(archnest_cli PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/RawTerminal.h
  ${CMAKE_CURRENT_LIST_DIR}/RawTerminal.cpp)
