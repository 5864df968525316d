# SPDX-License-Identifier: MIT
#
# The channel library, a C port of Rust's std::sync::mpsc (chan.c, public
# header include/fearcheck/chan.h, docs/channels.md).  Three builds of the
# one source file:
#
#   fearcheck_chan         static, position-independent so it links into
#                          executables and shared objects alike; what the
#                          project's own targets and the guide's testcases
#                          use;
#   fearcheck_chan_shared  the same as libfearcheck_chan.so for installing,
#                          exporting only the fc_* API (-fvisibility=hidden);
#   fearcheck_chan_tsan    static, built with -fsanitize=thread, linked by
#                          testcases/runner into TSan builds of testcases,
#                          so TSan sees the channel's own synchronisation.
#
# FC_SAN_FLAGS (FEARCHECK_ENABLE_*) are deliberately not applied: these are
# libraries for other programs, which choose their own sanitizer; the TSan
# variant exists for that and testcases/lib covers ASan by hand.
set(FC_CHAN_SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/chan.c)

function(fc_chan_library name kind)
	add_library(${name} ${kind} ${FC_CHAN_SOURCES})
	target_include_directories(${name}
		PUBLIC
			$<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include>
			$<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
	target_compile_options(${name} PRIVATE ${FC_WARN_FLAGS})
	target_link_libraries(${name} PUBLIC Threads::Threads)
	set_target_properties(${name} PROPERTIES
		POSITION_INDEPENDENT_CODE ON
		C_VISIBILITY_PRESET hidden)
endfunction()

fc_chan_library(fearcheck_chan STATIC)

fc_chan_library(fearcheck_chan_shared SHARED)
set_target_properties(fearcheck_chan_shared PROPERTIES
	OUTPUT_NAME fearcheck_chan
	VERSION ${PROJECT_VERSION}
	SOVERSION ${PROJECT_VERSION_MAJOR})

fc_chan_library(fearcheck_chan_tsan STATIC)
target_compile_options(fearcheck_chan_tsan PRIVATE -fsanitize=thread)
target_link_options(fearcheck_chan_tsan INTERFACE -fsanitize=thread)

install(TARGETS fearcheck_chan fearcheck_chan_shared
	ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
	LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
	RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${PROJECT_SOURCE_DIR}/include/fearcheck/chan.h
	DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/fearcheck)
