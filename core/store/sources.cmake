target_sources(archnest_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/Database.h
  ${CMAKE_CURRENT_LIST_DIR}/Database.cpp
  ${CMAKE_CURRENT_LIST_DIR}/AgentReportStore.h
  ${CMAKE_CURRENT_LIST_DIR}/AgentReportStore.cpp
  ${CMAKE_CURRENT_LIST_DIR}/AgentStoreService.h
  ${CMAKE_CURRENT_LIST_DIR}/AgentStoreService.cpp
  ${CMAKE_CURRENT_LIST_DIR}/StoreProbe.h
  ${CMAKE_CURRENT_LIST_DIR}/StoreProbe.cpp
  ${CMAKE_CURRENT_LIST_DIR}/StoreSetting.h
  ${CMAKE_CURRENT_LIST_DIR}/StoreSetting.cpp)
# The agent source (core/docker/agent) is listed here so the shared core/docker/sources.cmake
# needs no edit; it depends on the store anyway.
include(${CMAKE_CURRENT_LIST_DIR}/../docker/agent/sources.cmake)
