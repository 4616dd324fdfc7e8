# archnest_install_gzipped(FILE <source> DESTINATION <dir> COMPONENT <component>)
# Installs <source> as <dir>/<name>.gz, compressed at install time with `gzip -9n` (no name or
# timestamp in the header, as Debian wants for man pages), so no build step is needed for it.
function(archnest_install_gzipped)
  cmake_parse_arguments(G "" "FILE;DESTINATION;COMPONENT" "" ${ARGN})
  get_filename_component(_name ${G_FILE} NAME)
  install(CODE "
    set(_dir \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${G_DESTINATION}\")
    file(MAKE_DIRECTORY \"\${_dir}\")
    message(STATUS \"Installing: \${_dir}/${_name}.gz\")
    execute_process(COMMAND gzip -9n -c \"${G_FILE}\" OUTPUT_FILE \"\${_dir}/${_name}.gz\" RESULT_VARIABLE _rc)
    if(_rc)
      message(FATAL_ERROR \"gzip -9n ${G_FILE} failed\")
    endif()
  " COMPONENT ${G_COMPONENT})
endfunction()

# archnest_install_configured(FILE <template.in> DESTINATION <dir> COMPONENT <component>)
# Installs <template.in> as <dir>/<name without .in> with @ARCHNEST_BINDIR@, @ARCHNEST_LIBEXECDIR@
# and @ARCHNEST_DATADIR@ replaced at install time, so the paths follow the prefix actually
# installed to (/usr in the Debian packages, /usr/local for a plain `cmake --install`).
function(archnest_install_configured)
  cmake_parse_arguments(C "" "FILE;DESTINATION;COMPONENT" "" ${ARGN})
  get_filename_component(_name ${C_FILE} NAME)
  string(REGEX REPLACE "\\.in$" "" _name "${_name}")
  install(CODE "
    set(ARCHNEST_BINDIR \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}\")
    set(ARCHNEST_LIBEXECDIR \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_LIBEXECDIR}\")
    set(ARCHNEST_DATADIR \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_DATADIR}\")
    set(_dir \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${C_DESTINATION}\")
    message(STATUS \"Installing: \${_dir}/${_name}\")
    configure_file(\"${C_FILE}\" \"\${_dir}/${_name}\" @ONLY)
  " COMPONENT ${C_COMPONENT})
endfunction()
