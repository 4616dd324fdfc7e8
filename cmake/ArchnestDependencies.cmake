# Every dependency comes from a Debian 12 package; a missing one stops configuration with the
# package to install, so nobody has to guess from a CMake stack trace.
include(FindPkgConfig)

macro(archnest_require_qt component debian_package)
  find_package(Qt6 6.4 QUIET COMPONENTS ${component})
  if(NOT Qt6${component}_FOUND)
    message(FATAL_ERROR "Qt 6 ${component} not found. Install the Debian package: "
                        "sudo apt-get install ${debian_package} (or run scripts/run.sh, which does)")
  endif()
endmacro()

macro(archnest_require_pkg var module debian_package)
  pkg_check_modules(${var} QUIET IMPORTED_TARGET ${module})
  if(NOT ${var}_FOUND)
    message(FATAL_ERROR "${module} not found (pkg-config). Install the Debian package: "
                        "sudo apt-get install ${debian_package} (or run scripts/run.sh, which does)")
  endif()
endmacro()

find_package(PkgConfig QUIET)
if(NOT PKG_CONFIG_FOUND)
  message(FATAL_ERROR "pkg-config not found. Install the Debian package: sudo apt-get install pkg-config")
endif()

archnest_require_qt(Core qt6-base-dev)
archnest_require_qt(Network qt6-base-dev)
archnest_require_qt(Sql qt6-base-dev)
archnest_require_qt(WebSockets qt6-websockets-dev)
if(ARCHNEST_BUILD_TESTS)
  archnest_require_qt(Test qt6-base-dev)
endif()
if(ARCHNEST_GUI)
  archnest_require_qt(Gui qt6-base-dev)
  archnest_require_qt(Widgets qt6-base-dev)
  archnest_require_pkg(VTERM vterm libvterm-dev)
endif()

archnest_require_pkg(LIBSSH libssh>=0.10 libssh-dev)
archnest_require_pkg(SIMDJSON simdjson libsimdjson-dev)

find_package(Qt6Keychain QUIET)
if(NOT Qt6Keychain_FOUND)
  message(FATAL_ERROR "Qt6Keychain not found. Install the Debian package: sudo apt-get install qtkeychain-qt6-dev")
endif()

# llhttp ships as C sources in Debian's node-llhttp; we compile them into a static library.
find_path(LLHTTP_INCLUDE_DIR llhttp.h PATHS /usr/share/include/llhttp /usr/include/llhttp /usr/include)
find_file(LLHTTP_API_C api.c PATHS /usr/share/llhttp NO_DEFAULT_PATH)
if(NOT LLHTTP_INCLUDE_DIR OR NOT LLHTTP_API_C)
  message(FATAL_ERROR "llhttp sources not found. Install the Debian package: sudo apt-get install node-llhttp")
endif()
get_filename_component(LLHTTP_SRC_DIR "${LLHTTP_API_C}" DIRECTORY)
add_library(archnest_llhttp STATIC
  ${LLHTTP_SRC_DIR}/api.c ${LLHTTP_SRC_DIR}/http.c ${LLHTTP_SRC_DIR}/llhttp.c)
target_include_directories(archnest_llhttp SYSTEM PUBLIC ${LLHTTP_INCLUDE_DIR})
set_target_properties(archnest_llhttp PROPERTIES POSITION_INDEPENDENT_CODE ON C_STANDARD 99 AUTOMOC OFF AUTORCC OFF)
