# add_archnest_test(NAME <name> SOURCES <files...> [LIBS <targets...>] LABELS <unit|integration|ui|...>
#                   [FIXTURES <dockerd|sshd|postgres...>] [TIMEOUT <seconds>] [ENV <K=V...>])
#
# One QTest executable per unit, linked to the smallest target that works. Tests that need a
# real service name its fixture; CTest then starts it once per run (FIXTURES_SETUP) and stops it
# by pid at the end (FIXTURES_CLEANUP).
string(MD5 _archnest_build_hash "${CMAKE_BINARY_DIR}")
string(SUBSTRING "${_archnest_build_hash}" 0 8 _archnest_build_hash)
# Short on purpose: unix socket paths must stay under 108 bytes.
set(ARCHNEST_FIXTURE_DIR "/tmp/anfx-${_archnest_build_hash}" CACHE PATH "Where test fixtures keep their state")

function(add_archnest_test)
  cmake_parse_arguments(T "" "NAME;TIMEOUT" "SOURCES;LIBS;LABELS;FIXTURES;ENV" ${ARGN})
  if(NOT T_NAME OR NOT T_SOURCES OR NOT T_LABELS)
    message(FATAL_ERROR "add_archnest_test needs NAME, SOURCES and LABELS")
  endif()
  add_executable(${T_NAME} ${T_SOURCES})
  archnest_target_warnings(${T_NAME})
  target_link_libraries(${T_NAME} PRIVATE ${T_LIBS} archnest_testsupport Qt6::Test)
  add_test(NAME ${T_NAME} COMMAND ${T_NAME})
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 300)
  endif()
  set(_env "ARCHNEST_FIXTURE_DIR=${ARCHNEST_FIXTURE_DIR}" "QT_QPA_PLATFORM=offscreen"
           "ARCHNEST_BINARY_DIR=${CMAKE_BINARY_DIR}" "ARCHNEST_SOURCE_DIR=${CMAKE_SOURCE_DIR}" ${T_ENV})
  set_tests_properties(${T_NAME} PROPERTIES LABELS "${T_LABELS}" TIMEOUT ${T_TIMEOUT} ENVIRONMENT "${_env}")
  if(T_FIXTURES)
    set_tests_properties(${T_NAME} PROPERTIES FIXTURES_REQUIRED "${T_FIXTURES}")
  endif()
endfunction()

# archnest_add_fixture(NAME <name> SCRIPT <script> [DEPENDS <other fixtures>])
# Registers <name>.start / <name>.stop tests that run `SCRIPT start|stop FIXTURE_DIR`.
function(archnest_add_fixture)
  cmake_parse_arguments(F "" "NAME;SCRIPT" "DEPENDS" ${ARGN})
  add_test(NAME fixture.${F_NAME}.start COMMAND bash ${F_SCRIPT} start ${ARCHNEST_FIXTURE_DIR})
  add_test(NAME fixture.${F_NAME}.stop COMMAND bash ${F_SCRIPT} stop ${ARCHNEST_FIXTURE_DIR})
  set_tests_properties(fixture.${F_NAME}.start PROPERTIES FIXTURES_SETUP ${F_NAME} LABELS fixture TIMEOUT 300
                       RESOURCE_LOCK fixture-setup)
  set_tests_properties(fixture.${F_NAME}.stop PROPERTIES FIXTURES_CLEANUP ${F_NAME} LABELS fixture TIMEOUT 180)
  if(F_DEPENDS)
    set_tests_properties(fixture.${F_NAME}.start PROPERTIES FIXTURES_REQUIRED "${F_DEPENDS}")
    set_tests_properties(fixture.${F_NAME}.stop PROPERTIES FIXTURES_REQUIRED "${F_DEPENDS}")
  endif()
endfunction()

# add_archnest_bench(NAME bench_<what> SOURCES <files...> [LIBS <targets...>])
# Built with the project, run only by scripts/bench.sh (never by ctest).
function(add_archnest_bench)
  cmake_parse_arguments(B "" "NAME" "SOURCES;LIBS" ${ARGN})
  if(NOT B_NAME MATCHES "^bench_")
    message(FATAL_ERROR "benchmark names start with bench_ (got ${B_NAME})")
  endif()
  add_executable(${B_NAME} ${B_SOURCES})
  archnest_target_warnings(${B_NAME})
  target_include_directories(${B_NAME} PRIVATE ${CMAKE_SOURCE_DIR}/tests/bench)
  target_link_libraries(${B_NAME} PRIVATE ${B_LIBS} archnest_testsupport)
  set_target_properties(${B_NAME} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/tests)
endfunction()
