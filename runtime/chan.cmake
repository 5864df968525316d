# Placeholder until the channel library lands (issue 5).
add_library(fearcheck_chan STATIC ${CMAKE_CURRENT_SOURCE_DIR}/chan_placeholder.c)
add_library(fearcheck_chan_tsan STATIC ${CMAKE_CURRENT_SOURCE_DIR}/chan_placeholder.c)
