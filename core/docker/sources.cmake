target_sources(archnest_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/ContainerSource.h
  ${CMAKE_CURRENT_LIST_DIR}/ContainerSource.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ExecHangup.h
  ${CMAKE_CURRENT_LIST_DIR}/ExecHangup.cpp
  ${CMAKE_CURRENT_LIST_DIR}/InspectJson.h
  ${CMAKE_CURRENT_LIST_DIR}/InspectJson.cpp)
include(${CMAKE_CURRENT_LIST_DIR}/sshcli/sources.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/api/sources.cmake)
