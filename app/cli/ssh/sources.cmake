target_sources(archnest_cli PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/CliSshInteraction.h
  ${CMAKE_CURRENT_LIST_DIR}/CliSshInteraction.cpp
  ${CMAKE_CURRENT_LIST_DIR}/PingCommand.cpp
  ${CMAKE_CURRENT_LIST_DIR}/SshConfigCommands.cpp
  ${CMAKE_CURRENT_LIST_DIR}/DockerContextCommands.cpp)
