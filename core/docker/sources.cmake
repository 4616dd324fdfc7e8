target_sources(archnest_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/ContainerSource.h
  ${CMAKE_CURRENT_LIST_DIR}/ContainerSource.cpp)
include(${CMAKE_CURRENT_LIST_DIR}/sshcli/sources.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/api/sources.cmake)
