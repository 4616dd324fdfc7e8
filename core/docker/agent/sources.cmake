target_sources(archnest_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/AgentReport.h
  ${CMAKE_CURRENT_LIST_DIR}/AgentReport.cpp
  ${CMAKE_CURRENT_LIST_DIR}/AgentReportSanitizer.h
  ${CMAKE_CURRENT_LIST_DIR}/AgentReportSanitizer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/AgentContainerSource.h
  ${CMAKE_CURRENT_LIST_DIR}/AgentContainerSource.cpp)
