target_sources(archnest_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/Result.h
  ${CMAKE_CURRENT_LIST_DIR}/AppPaths.h
  ${CMAKE_CURRENT_LIST_DIR}/AppPaths.cpp)
