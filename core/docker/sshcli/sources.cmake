target_sources(archnest_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/DockerCliCommands.h
  ${CMAKE_CURRENT_LIST_DIR}/DockerCliCommands.cpp
  ${CMAKE_CURRENT_LIST_DIR}/DockerCliParsers.h
  ${CMAKE_CURRENT_LIST_DIR}/DockerCliParsers.cpp
  ${CMAKE_CURRENT_LIST_DIR}/LogLineMerger.h
  ${CMAKE_CURRENT_LIST_DIR}/LogLineMerger.cpp
  ${CMAKE_CURRENT_LIST_DIR}/SshCliStreams.h
  ${CMAKE_CURRENT_LIST_DIR}/SshCliStreams.cpp
  ${CMAKE_CURRENT_LIST_DIR}/SshCliContainerSource.h
  ${CMAKE_CURRENT_LIST_DIR}/SshCliContainerSource.cpp)
