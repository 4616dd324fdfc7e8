add_archnest_test(NAME test_receiver
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_receiver.cpp ${CMAKE_CURRENT_LIST_DIR}/receiver_support.h
  LIBS archnest_receiver
  LABELS integration
  TIMEOUT 120)

add_archnest_test(NAME test_receiver_cli
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_receiver_cli.cpp ${CMAKE_CURRENT_LIST_DIR}/receiver_support.h
  LIBS archnest_core Qt6::Sql
  LABELS integration
  FIXTURES postgres
  TIMEOUT 240)
# Needs the archnest-cli binary it runs.
add_dependencies(test_receiver_cli archnest-cli)

add_archnest_test(NAME test_receiver_limits
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_receiver_limits.cpp ${CMAKE_CURRENT_LIST_DIR}/receiver_support.h
  LIBS archnest_receiver
  LABELS integration
  TIMEOUT 180)
# Issue 13: what a hostile agent sends never reaches the store raw (NUL, controls, secrets,
# duplicate keys, huge values and numbers), on SQLite and PostgreSQL, read back by archnest-cli.
add_archnest_test(NAME test_receiver_hygiene
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_receiver_hygiene.cpp ${CMAKE_CURRENT_LIST_DIR}/receiver_support.h
  LIBS archnest_receiver
  LABELS integration
  FIXTURES postgres
  TIMEOUT 180)
add_dependencies(test_receiver_hygiene archnest-cli)
# Issue 22: two receivers on one PostgreSQL behind a real HAProxy (kill -9 of one mid-stream),
# two receivers starting together on an empty store, newest report by collection time.
add_archnest_test(NAME test_receiver_team
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_receiver_team.cpp ${CMAKE_CURRENT_LIST_DIR}/receiver_support.h
          ${CMAKE_CURRENT_LIST_DIR}/receiver_process.h ${CMAKE_CURRENT_LIST_DIR}/receiver_store_support.h
  LIBS archnest_core Qt6::Sql
  LABELS integration
  FIXTURES postgres
  TIMEOUT 180)
add_dependencies(test_receiver_team archnest-cli)
