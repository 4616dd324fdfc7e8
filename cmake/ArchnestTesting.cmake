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

# add_archnest_test_variant(NAME <name> OF <test target> LABELS <...> [FIXTURES <...>] [TIMEOUT <s>] [ENV <K=V...>])
# Runs an existing test executable once more under another name and environment: the same test
# against another engine (ENV ARCHNEST_TEST_ENGINE=podman) is a parameter, not a copy.
function(add_archnest_test_variant)
  cmake_parse_arguments(T "" "NAME;OF;TIMEOUT" "LABELS;FIXTURES;ENV" ${ARGN})
  if(NOT T_NAME OR NOT T_OF OR NOT T_LABELS)
    message(FATAL_ERROR "add_archnest_test_variant needs NAME, OF and LABELS")
  endif()
  add_test(NAME ${T_NAME} COMMAND ${T_OF})
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

# add_archnest_shot(NAME shot_<what> TEST <test target>)
# The same sources as a test, built again with ARCHNEST_SHOTS defined, which compiles in the
# test functions that only save screenshots for the docs. Never registered with CTest (a suite
# has no test that only skips): scripts/screenshot.sh --shot runs them by name.
function(add_archnest_shot)
  cmake_parse_arguments(S "" "NAME;TEST" "" ${ARGN})
  get_target_property(_sources ${S_TEST} SOURCES)
  get_target_property(_libs ${S_TEST} LINK_LIBRARIES)
  get_target_property(_incs ${S_TEST} INCLUDE_DIRECTORIES)
  add_executable(${S_NAME} ${_sources})
  archnest_target_warnings(${S_NAME})
  target_compile_definitions(${S_NAME} PRIVATE ARCHNEST_SHOTS)
  target_link_libraries(${S_NAME} PRIVATE ${_libs})
  if(_incs)
    target_include_directories(${S_NAME} PRIVATE ${_incs})
  endif()
  set_target_properties(${S_NAME} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/tests/shots)
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

# add_archnest_fuzzer(NAME <name> SOURCES <files defining LLVMFuzzerTestOneInput> LIBS <targets>
#                     [CORPUS <dir>] [SECONDS <n>])
# With ARCHNEST_FUZZ=ON (clang): a libFuzzer binary fuzz_<name> and a ctest "fuzz_<name>" that
# fuzzes for SECONDS (default 30) from the corpus. Always: a replay test "test_fuzz_<name>_replay"
# (label unit) that feeds every corpus file through the same entry point, so the invariants the
# fuzzer checks also run in every ordinary build.
function(add_archnest_fuzzer)
  cmake_parse_arguments(F "" "NAME;CORPUS;SECONDS" "SOURCES;LIBS" ${ARGN})
  if(NOT F_SECONDS)
    set(F_SECONDS 30)
  endif()
  add_executable(test_fuzz_${F_NAME}_replay ${F_SOURCES} ${CMAKE_SOURCE_DIR}/tests/fuzz/FuzzReplayMain.cpp)
  archnest_target_warnings(test_fuzz_${F_NAME}_replay)
  target_link_libraries(test_fuzz_${F_NAME}_replay PRIVATE ${F_LIBS})
  add_test(NAME test_fuzz_${F_NAME}_replay COMMAND test_fuzz_${F_NAME}_replay ${F_CORPUS})
  set_tests_properties(test_fuzz_${F_NAME}_replay PROPERTIES LABELS unit TIMEOUT 120)
  if(ARCHNEST_FUZZ)
    add_executable(fuzz_${F_NAME} ${F_SOURCES})
    target_compile_options(fuzz_${F_NAME} PRIVATE -fsanitize=fuzzer,address,undefined)
    target_link_options(fuzz_${F_NAME} PRIVATE -fsanitize=fuzzer,address,undefined)
    target_link_libraries(fuzz_${F_NAME} PRIVATE ${F_LIBS})
    set(_work ${CMAKE_CURRENT_BINARY_DIR}/fuzz-${F_NAME})
    file(MAKE_DIRECTORY ${_work})
    add_test(NAME fuzz_${F_NAME}
             COMMAND fuzz_${F_NAME} -max_total_time=${F_SECONDS} -timeout=10 -rss_limit_mb=2048 ${_work} ${F_CORPUS})
    set_tests_properties(fuzz_${F_NAME} PROPERTIES LABELS fuzz TIMEOUT ${F_SECONDS}0)
  endif()
endfunction()
