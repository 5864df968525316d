# Placeholder until the runtime tracker lands (issue 4).
add_library(fearcheck_rt SHARED ${CMAKE_CURRENT_SOURCE_DIR}/rt_placeholder.c)
set_target_properties(fearcheck_rt PROPERTIES OUTPUT_NAME fearcheck-rt)
