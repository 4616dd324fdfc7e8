# Issue 22: the desktop's store setting (URL, password source, read-only mode), without a database.
add_archnest_test(NAME test_store_setting
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_store_setting.cpp
  LIBS archnest_core
  LABELS unit)
