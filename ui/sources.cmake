# The desktop: main window, models/controllers, pages, dialogs and the log view (ui/terminal has
# its own sources.cmake).
file(GLOB _archnest_ui_own CONFIGURE_DEPENDS
  ${CMAKE_CURRENT_LIST_DIR}/*.h ${CMAKE_CURRENT_LIST_DIR}/*.cpp
  ${CMAKE_CURRENT_LIST_DIR}/models/*.h ${CMAKE_CURRENT_LIST_DIR}/models/*.cpp
  ${CMAKE_CURRENT_LIST_DIR}/pages/*.h ${CMAKE_CURRENT_LIST_DIR}/pages/*.cpp
  ${CMAKE_CURRENT_LIST_DIR}/dialogs/*.h ${CMAKE_CURRENT_LIST_DIR}/dialogs/*.cpp
  ${CMAKE_CURRENT_LIST_DIR}/logs/*.h ${CMAKE_CURRENT_LIST_DIR}/logs/*.cpp)
target_sources(archnest_ui PRIVATE ${_archnest_ui_own})
