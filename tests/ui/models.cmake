add_archnest_test(NAME test_ui_models
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_models.cpp
  LIBS archnest_ui
  LABELS ui)
add_archnest_test(NAME test_ui_logview
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_logview.cpp
  LIBS archnest_ui
  LABELS ui)
add_archnest_test(NAME test_ui_widgets
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_widgets.cpp $<TARGET_OBJECTS:archnest_resources>
  LIBS archnest_ui
  LABELS ui)
add_archnest_test(NAME test_ui_dialogs
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_dialogs.cpp
  LIBS archnest_ui
  LABELS ui)
add_archnest_test(NAME test_ui_host_dialogs
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_host_dialogs.cpp $<TARGET_OBJECTS:archnest_resources>
  LIBS archnest_ui
  LABELS ui)
add_archnest_shot(NAME shot_import_ssh_config TEST test_ui_host_dialogs)
add_archnest_test(NAME test_ui_desktop_logic
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_desktop_logic.cpp
  LIBS archnest_ui
  LABELS ui)
add_archnest_test(NAME test_ui_window_menus
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_window_menus.cpp $<TARGET_OBJECTS:archnest_resources>
  LIBS archnest_ui
  LABELS ui)
