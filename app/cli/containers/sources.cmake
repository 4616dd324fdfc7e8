target_sources(archnest_cli PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/ContainerCommands.cpp
  ${CMAKE_CURRENT_LIST_DIR}/CliHostAccess.h
  ${CMAKE_CURRENT_LIST_DIR}/CliHostAccess.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ContainerJson.h
  ${CMAKE_CURRENT_LIST_DIR}/ContainerJson.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ExecCommand.h
  ${CMAKE_CURRENT_LIST_DIR}/ExecCommand.cpp)
