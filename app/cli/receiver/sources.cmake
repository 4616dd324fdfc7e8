target_sources(archnest_cli PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/ReceiverCommands.cpp
  ${CMAKE_CURRENT_LIST_DIR}/NonBlockingOutput.h
  ${CMAKE_CURRENT_LIST_DIR}/NonBlockingOutput.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ReceiveCommand.h
  ${CMAKE_CURRENT_LIST_DIR}/ReceiveCommand.cpp)
