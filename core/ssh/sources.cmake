target_sources(archnest_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/SshSession.h
  ${CMAKE_CURRENT_LIST_DIR}/SshInteraction.h)
