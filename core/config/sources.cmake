target_sources(archnest_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/HostsFile.h
  ${CMAKE_CURRENT_LIST_DIR}/HostsFile.cpp
  ${CMAKE_CURRENT_LIST_DIR}/HostUrl.h
  ${CMAKE_CURRENT_LIST_DIR}/HostUrl.cpp
  ${CMAKE_CURRENT_LIST_DIR}/SourceFactory.h
  ${CMAKE_CURRENT_LIST_DIR}/SourceFactory.cpp
  ${CMAKE_CURRENT_LIST_DIR}/SshConfigResolve.h
  ${CMAKE_CURRENT_LIST_DIR}/SshConfigResolve.cpp
  ${CMAKE_CURRENT_LIST_DIR}/SshImportPlan.h
  ${CMAKE_CURRENT_LIST_DIR}/SshImportPlan.cpp
  ${CMAKE_CURRENT_LIST_DIR}/DockerContextImport.h
  ${CMAKE_CURRENT_LIST_DIR}/DockerContextImport.cpp)
