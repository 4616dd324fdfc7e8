# Debian packages with CPack (scripts/package.sh runs cpack; docs/packaging.md explains).
#   archnest      component `gui`: the desktop app, .desktop, AppStream metainfo, icons, man page
#   archnest-cli  component `cli`: the CLI (with the agent receiver), its man page and bash
#                 completion, the push agent and the systemd units. No Qt Widgets.
# Shared-library dependencies come from dpkg-shlibdeps; the ones loaded at run time (plugins,
# the keychain's libsecret, Qt's SQL drivers) are listed here by hand.
# The version is the project's; scripts/package.sh adds the git part (0.1.0+gitN.gHASH) with
# `cpack -D CPACK_PACKAGE_VERSION=...` and ARCHNEST_PACKAGE_VERSION (for the changelog).

set(_doc ${CMAKE_INSTALL_DATADIR}/doc)
set(_packages archnest-cli)
set(_components cli)
if(ARCHNEST_GUI)
  list(APPEND _packages archnest)
  list(APPEND _components gui)
endif()
foreach(_package IN LISTS _packages)
  if(_package STREQUAL "archnest")
    set(_component gui)
  else()
    set(_component cli)
  endif()
  install(FILES ${CMAKE_SOURCE_DIR}/packaging/debian/copyright DESTINATION ${_doc}/${_package} COMPONENT ${_component})
  # Debian wants /usr/share/doc/<package>/changelog.gz, compressed without a timestamp and naming
  # the package's version: written at install time, when scripts/package.sh has set the version.
  install(CODE "
    set(_version \"\$ENV{ARCHNEST_PACKAGE_VERSION}\")
    if(NOT _version)
      set(_version \"${PROJECT_VERSION}\")
    endif()
    set(_package \"${_package}\")
    # %a/%b in the C locale; SOURCE_DATE_EPOCH (scripts/package.sh: the commit's time) wins.
    string(TIMESTAMP _date \"%a, %d %b %Y %H:%M:%S +0000\" UTC)
    set(_dir \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${_doc}/${_package}\")
    file(MAKE_DIRECTORY \"\${_dir}\")
    configure_file(\"${CMAKE_SOURCE_DIR}/packaging/debian/changelog.in\" \"\${_dir}/changelog\" @ONLY)
    file(REMOVE \"\${_dir}/changelog.gz\")
    execute_process(COMMAND gzip -9n \"\${_dir}/changelog\" RESULT_VARIABLE _rc)
    if(_rc)
      message(FATAL_ERROR \"gzip of \${_dir}/changelog failed\")
    endif()
  " COMPONENT ${_component})
endforeach()

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME archnest)
set(CPACK_PACKAGE_VENDOR "ArchNest")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "ArchNest maintainers <maintainers@archnest.dev>")
set(CPACK_PACKAGE_HOMEPAGE_URL "https://archnest.dev")
# Empty: each package's description below starts with its own summary line (CPack would put the
# project's summary in front of both).
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "")
set(CPACK_STRIP_FILES ON)
set(CPACK_COMPONENTS_ALL ${_components})
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SECTION admin)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)

set(CPACK_DEBIAN_CLI_PACKAGE_NAME archnest-cli)
set(CPACK_DEBIAN_CLI_PACKAGE_SECTION admin)
# libsecret: the keychain backend qtkeychain opens; Qt SQL drivers: SQLite (the default store) and
# PostgreSQL (a shared store), both plugins dpkg-shlibdeps cannot see.
set(CPACK_DEBIAN_CLI_PACKAGE_DEPENDS "libsecret-1-0, libqt6sql6-sqlite, libqt6sql6-psql")
# The push agent (run by archnest-docker-agent.service) needs these on the VM it reports from.
set(CPACK_DEBIAN_CLI_PACKAGE_RECOMMENDS "curl, jq")
set(CPACK_DEBIAN_CLI_PACKAGE_SUGGESTS "docker.io")
# Lines under 80 columns (Debian policy; lintian checks it).
set(CPACK_DEBIAN_CLI_DESCRIPTION "manage Docker containers on many hosts from the command line
archnest-cli lists, inspects and manages the Docker containers on many
hosts: over SSH (running the docker CLI remotely, so no Docker socket is
exposed), through the Docker Engine API, or from reports of a push agent.
.
It also runs the token-gated push-agent receiver (archnest-cli receive) and
ships the push agent, with systemd units for both, installed disabled. It
needs no display.")
set(CPACK_DEBIAN_CLI_PACKAGE_CONTROL_EXTRA
    ${CMAKE_SOURCE_DIR}/packaging/debian/cli/postinst
    ${CMAKE_SOURCE_DIR}/packaging/debian/cli/prerm
    ${CMAKE_SOURCE_DIR}/packaging/debian/cli/postrm)

set(CPACK_DEBIAN_GUI_PACKAGE_NAME archnest)
set(CPACK_DEBIAN_GUI_PACKAGE_SECTION admin)
# Plugins and modules loaded at run time: the window system (qt6-qpa-plugins), the SVG icon
# engine and image format (libqt6svg6), the keychain backend and the SQL drivers.
set(CPACK_DEBIAN_GUI_PACKAGE_DEPENDS
    "qt6-qpa-plugins, libqt6svg6, libsecret-1-0, libqt6sql6-sqlite, libqt6sql6-psql, hicolor-icon-theme")
set(CPACK_DEBIAN_GUI_PACKAGE_RECOMMENDS "archnest-cli")
set(CPACK_DEBIAN_GUI_DESCRIPTION "see and manage Docker containers on many VMs from one window
ArchNest is a native Qt desktop application for operators who run Docker on
many virtual machines. It reaches each host over SSH (running the docker CLI
remotely, so no Docker socket is exposed), through the Docker Engine API, or
receives read-only snapshots from a small push agent.
.
Jump-host chains, known_hosts verification, key, password, agent and
certificate authentication; a container list across all hosts, detail tabs,
logs, container actions and an exec terminal.")

include(CPack)
