# Warnings, strictness and sanitizers for every target of ours (third-party C sources opt out).
add_compile_definitions(
  QT_NO_CAST_FROM_ASCII
  QT_NO_CAST_TO_ASCII
  QT_NO_URL_CAST_FROM_STRING
  QT_NO_CAST_FROM_BYTEARRAY
  QT_NO_KEYWORDS
  QT_USE_QSTRINGBUILDER
  QT_STRICT_ITERATORS
  QT_DISABLE_DEPRECATED_BEFORE=0x060400)

set(ARCHNEST_WARNINGS -Wall -Wextra -Wpedantic -Wnon-virtual-dtor -Wcast-qual -Wformat=2 -Wimplicit-fallthrough)
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  list(APPEND ARCHNEST_WARNINGS -Wshadow=local)
endif()

if(ARCHNEST_SANITIZE)
  string(REPLACE "," ";" _san_list "${ARCHNEST_SANITIZE}")
  foreach(_s IN LISTS _san_list)
    if(NOT _s MATCHES "^(address|undefined|leak|thread)$")
      message(FATAL_ERROR "ARCHNEST_SANITIZE: unknown sanitizer '${_s}' (use address, undefined, leak or thread)")
    endif()
  endforeach()
  add_compile_options(-fsanitize=${ARCHNEST_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=${ARCHNEST_SANITIZE})
endif()

# Apply our warning set to one of our own targets.
function(archnest_target_warnings target)
  target_compile_options(${target} PRIVATE $<$<COMPILE_LANGUAGE:CXX>:${ARCHNEST_WARNINGS}>)
endfunction()
