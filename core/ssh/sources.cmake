target_sources(archnest_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/SshSession.h
  ${CMAKE_CURRENT_LIST_DIR}/SshSession.cpp
  ${CMAKE_CURRENT_LIST_DIR}/SshInteraction.h
  ${CMAKE_CURRENT_LIST_DIR}/SshWorker.h
  ${CMAKE_CURRENT_LIST_DIR}/SshWorker.cpp
  ${CMAKE_CURRENT_LIST_DIR}/SshWorkerImpl.h
  ${CMAKE_CURRENT_LIST_DIR}/SshWorkerIo.cpp
  ${CMAKE_CURRENT_LIST_DIR}/SshWorkerConnect.cpp
  ${CMAKE_CURRENT_LIST_DIR}/SshWorkerAuth.cpp
  ${CMAKE_CURRENT_LIST_DIR}/SshWorkerChannels.cpp
  ${CMAKE_CURRENT_LIST_DIR}/SshHostKeys.h
  ${CMAKE_CURRENT_LIST_DIR}/SshHostKeys.cpp)
target_sources(archnest_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/SshConfigFile.h
  ${CMAKE_CURRENT_LIST_DIR}/SshConfigFile.cpp
  ${CMAKE_CURRENT_LIST_DIR}/SshConfigEngine.h
  ${CMAKE_CURRENT_LIST_DIR}/SshConfigEngine.cpp
  ${CMAKE_CURRENT_LIST_DIR}/SshConfigPass.h
  ${CMAKE_CURRENT_LIST_DIR}/SshConfigPass.cpp
  ${CMAKE_CURRENT_LIST_DIR}/SshConfigDirectives.cpp
  ${CMAKE_CURRENT_LIST_DIR}/SshConfigKeywords.h
  ${CMAKE_CURRENT_LIST_DIR}/SshConfigKeywords.cpp
  ${CMAKE_CURRENT_LIST_DIR}/SshConfigLexer.h
  ${CMAKE_CURRENT_LIST_DIR}/SshConfigLexer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/SshProxyCommand.h
  ${CMAKE_CURRENT_LIST_DIR}/SshProxyCommand.cpp)
