target_sources(archnest_receiver PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/ReceiverLimits.h
  ${CMAKE_CURRENT_LIST_DIR}/ReceiverLimits.cpp)
