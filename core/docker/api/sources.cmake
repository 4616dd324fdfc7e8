target_sources(archnest_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/ApiEndpoint.h
  ${CMAKE_CURRENT_LIST_DIR}/ApiEndpoint.cpp
  ${CMAKE_CURRENT_LIST_DIR}/HttpConnection.h
  ${CMAKE_CURRENT_LIST_DIR}/HttpConnection.cpp
  ${CMAKE_CURRENT_LIST_DIR}/DockerApiClient.h
  ${CMAKE_CURRENT_LIST_DIR}/DockerApiClient.cpp
  ${CMAKE_CURRENT_LIST_DIR}/DockerApiJson.h
  ${CMAKE_CURRENT_LIST_DIR}/DockerApiJson.cpp
  ${CMAKE_CURRENT_LIST_DIR}/FrameDemuxer.h
  ${CMAKE_CURRENT_LIST_DIR}/FrameDemuxer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/DockerApiStreams.h
  ${CMAKE_CURRENT_LIST_DIR}/DockerApiStreams.cpp
  ${CMAKE_CURRENT_LIST_DIR}/DockerAttachStream.h
  ${CMAKE_CURRENT_LIST_DIR}/DockerAttachStream.cpp
  ${CMAKE_CURRENT_LIST_DIR}/DockerApiContainerSource.h
  ${CMAKE_CURRENT_LIST_DIR}/DockerApiContainerSource.cpp)
