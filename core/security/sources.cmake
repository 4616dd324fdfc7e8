target_sources(archnest_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/ConstantTime.h
  ${CMAKE_CURRENT_LIST_DIR}/ConstantTime.cpp
  ${CMAKE_CURRENT_LIST_DIR}/EnvMasking.h
  ${CMAKE_CURRENT_LIST_DIR}/EnvMasking.cpp)
