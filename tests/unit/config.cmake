add_archnest_test(NAME test_config_hosts
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_config_hosts.cpp
  LIBS archnest_core
  LABELS unit)
add_archnest_test(NAME test_ssh_import_plan_unit
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_ssh_import_plan.cpp
  LIBS archnest_core
  LABELS unit)
