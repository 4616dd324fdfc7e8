target_sources(archnest_ui PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/MainWindow.h
  ${CMAKE_CURRENT_LIST_DIR}/MainWindow.cpp
  ${CMAKE_CURRENT_LIST_DIR}/EmptyStateWidget.h
  ${CMAKE_CURRENT_LIST_DIR}/EmptyStateWidget.cpp)
