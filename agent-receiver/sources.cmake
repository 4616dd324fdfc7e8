target_sources(archnest_receiver PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/ReceiverLimits.h
  ${CMAKE_CURRENT_LIST_DIR}/ReceiverLimits.cpp
  ${CMAKE_CURRENT_LIST_DIR}/HttpRequestParser.h
  ${CMAKE_CURRENT_LIST_DIR}/HttpRequestParser.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ReceiverConfig.h
  ${CMAKE_CURRENT_LIST_DIR}/ReceiverConfig.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ReceiverHttp.h
  ${CMAKE_CURRENT_LIST_DIR}/ReceiverHttp.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ReceiverServer.h
  ${CMAKE_CURRENT_LIST_DIR}/ReceiverServer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/AgentReceiver.h
  ${CMAKE_CURRENT_LIST_DIR}/AgentReceiver.cpp
  ${CMAKE_CURRENT_LIST_DIR}/AgentReceiverRead.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ReceiverConnection.h)
