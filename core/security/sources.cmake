target_sources(archnest_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/ConstantTime.h
  ${CMAKE_CURRENT_LIST_DIR}/ConstantTime.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ControlChars.h
  ${CMAKE_CURRENT_LIST_DIR}/ControlChars.cpp
  ${CMAKE_CURRENT_LIST_DIR}/EnvMasking.h
  ${CMAKE_CURRENT_LIST_DIR}/EnvMasking.cpp)
target_sources(archnest_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/ContainerRef.h
  ${CMAKE_CURRENT_LIST_DIR}/ContainerRef.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ShellQuote.h
  ${CMAKE_CURRENT_LIST_DIR}/ShellQuote.cpp)
target_sources(archnest_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/SecretStore.h
  ${CMAKE_CURRENT_LIST_DIR}/SecretStore.cpp)
