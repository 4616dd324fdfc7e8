target_sources(archnest_cli PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/CliApp.h
  ${CMAKE_CURRENT_LIST_DIR}/CliApp.cpp
  ${CMAKE_CURRENT_LIST_DIR}/CliCommand.h
  ${CMAKE_CURRENT_LIST_DIR}/BuiltinCommands.cpp)
