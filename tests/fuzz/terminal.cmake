# The terminal screen model's byte stream (issue 24): TerminalScreen::feed with arbitrary chunks
# and resizes. The code under test is compiled into the target so libFuzzer's coverage sees it;
# libvterm is the system library. The fuzz build has no GUI, so Qt Gui and libvterm are found here.
if(NOT TARGET PkgConfig::VTERM)
  archnest_require_pkg(VTERM vterm libvterm-dev)
endif()
if(NOT TARGET Qt6::Gui)
  archnest_require_qt(Gui qt6-base-dev)
endif()
set(_term ${CMAKE_SOURCE_DIR}/ui/terminal)
add_archnest_fuzzer(NAME terminal_screen
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/fuzz_terminal_screen.cpp
          ${_term}/TerminalScreen.cpp ${_term}/TerminalScreen.h ${_term}/TerminalScreenInput.cpp ${_term}/TerminalScreenCells.cpp
          ${_term}/TerminalInputFilter.cpp ${_term}/TerminalInputFilterCsi.cpp
  LIBS Qt6::Gui PkgConfig::VTERM
  CORPUS ${CMAKE_CURRENT_LIST_DIR}/terminal_screen_corpus
  SECONDS 60)
foreach(_t test_fuzz_terminal_screen_replay fuzz_terminal_screen)
  if(TARGET ${_t})
    target_include_directories(${_t} PRIVATE ${_term})
  endif()
endforeach()
