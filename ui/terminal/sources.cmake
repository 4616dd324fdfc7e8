# The embedded terminal. archnest_terminal is the headless part (libvterm screen model and the
# local PTY exec stream: Qt Core/Gui only, no widgets) so it is testable without a window;
# the widgets that paint it live in archnest_ui.
add_library(archnest_terminal STATIC
  ${CMAKE_CURRENT_LIST_DIR}/TerminalScreen.h
  ${CMAKE_CURRENT_LIST_DIR}/TerminalScreen.cpp
  ${CMAKE_CURRENT_LIST_DIR}/TerminalScreenInput.cpp
  ${CMAKE_CURRENT_LIST_DIR}/TerminalScreenCells.cpp
  ${CMAKE_CURRENT_LIST_DIR}/TerminalInputFilter.h
  ${CMAKE_CURRENT_LIST_DIR}/TerminalInputFilter.cpp
  ${CMAKE_CURRENT_LIST_DIR}/TerminalInputFilterCsi.cpp
  ${CMAKE_CURRENT_LIST_DIR}/TerminalSearch.h
  ${CMAKE_CURRENT_LIST_DIR}/TerminalSearch.cpp
  ${CMAKE_CURRENT_LIST_DIR}/LocalPtyExecStream.h
  ${CMAKE_CURRENT_LIST_DIR}/LocalPtyExecStream.cpp)
archnest_target_warnings(archnest_terminal)
target_include_directories(archnest_terminal PUBLIC ${CMAKE_CURRENT_LIST_DIR})
target_link_libraries(archnest_terminal PUBLIC archnest_core Qt6::Gui PRIVATE PkgConfig::VTERM)

target_sources(archnest_ui PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/TerminalView.h
  ${CMAKE_CURRENT_LIST_DIR}/TerminalView.cpp
  ${CMAKE_CURRENT_LIST_DIR}/TerminalViewSelection.cpp
  ${CMAKE_CURRENT_LIST_DIR}/TerminalViewPaint.cpp
  ${CMAKE_CURRENT_LIST_DIR}/TerminalViewMenu.cpp
  ${CMAKE_CURRENT_LIST_DIR}/TerminalFindBar.h
  ${CMAKE_CURRENT_LIST_DIR}/TerminalFindBar.cpp
  ${CMAKE_CURRENT_LIST_DIR}/TerminalSession.h
  ${CMAKE_CURRENT_LIST_DIR}/TerminalSession.cpp)
target_link_libraries(archnest_ui PUBLIC archnest_terminal)
