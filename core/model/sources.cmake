target_sources(archnest_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/HostConfig.h
  ${CMAKE_CURRENT_LIST_DIR}/HostConfig.cpp
  ${CMAKE_CURRENT_LIST_DIR}/Container.h
  ${CMAKE_CURRENT_LIST_DIR}/Container.cpp)
