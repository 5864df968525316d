# SPDX-License-Identifier: MIT
#
# libfearcheck-rt.so, the runtime lock-order tracker (issue 4): loaded with
# LD_PRELOAD (or linked), it interposes the pthread and C11 lock functions
# and reports lock-order inversions, see docs/runtime.md.  Only the
# interposed functions and the fearcheck_rt_* API are exported.  Needs
# elfutils' libdw (Debian: libdw-dev) to symbolize stacks and jansson
# (libjansson-dev) for the JSON log.
find_package(PkgConfig REQUIRED)
pkg_check_modules(FC_RT_DW REQUIRED IMPORTED_TARGET libdw)
pkg_check_modules(FC_RT_JANSSON REQUIRED IMPORTED_TARGET jansson)

add_library(fearcheck_rt SHARED
	${CMAKE_CURRENT_SOURCE_DIR}/rt_acquire.c
	${CMAKE_CURRENT_SOURCE_DIR}/rt_core.c
	${CMAKE_CURRENT_SOURCE_DIR}/rt_graph.c
	${CMAKE_CURRENT_SOURCE_DIR}/rt_intercept.c
	${CMAKE_CURRENT_SOURCE_DIR}/rt_options.c
	${CMAKE_CURRENT_SOURCE_DIR}/rt_report.c
	${CMAKE_CURRENT_SOURCE_DIR}/rt_stack.c
	${CMAKE_CURRENT_SOURCE_DIR}/rt_suppress.c
	${CMAKE_CURRENT_SOURCE_DIR}/rt_watchdog.c)
set_target_properties(fearcheck_rt PROPERTIES
	OUTPUT_NAME fearcheck-rt
	C_VISIBILITY_PRESET hidden
	VISIBILITY_INLINES_HIDDEN ON
	PUBLIC_HEADER ${PROJECT_SOURCE_DIR}/include/fearcheck/rt.h)
target_compile_definitions(fearcheck_rt PRIVATE _GNU_SOURCE)
# Never instrument the tracker itself: it runs inside other programs,
# under LD_PRELOAD, which sanitizer runtimes cannot share.
target_compile_options(fearcheck_rt PRIVATE ${FC_WARN_FLAGS}
	-fvisibility=hidden -ftls-model=initial-exec)
target_include_directories(fearcheck_rt PUBLIC
	$<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include>
	$<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
target_link_libraries(fearcheck_rt PRIVATE PkgConfig::FC_RT_DW
	PkgConfig::FC_RT_JANSSON Threads::Threads ${CMAKE_DL_LIBS})
target_link_options(fearcheck_rt PRIVATE -Wl,-z,nodelete -Wl,--no-undefined)
install(TARGETS fearcheck_rt
	LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
	PUBLIC_HEADER DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/fearcheck)
