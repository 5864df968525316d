# SPDX-License-Identifier: MIT
#
# Fearcheck.cmake - run fearcheck over a CMake project's compilation
# database as a lint target (docs/ci/README.md).
#
#   list(APPEND CMAKE_MODULE_PATH <prefix>/lib/cmake/Fearcheck)
#   include(Fearcheck)            # or: find_package(Fearcheck REQUIRED)
#   ...your targets...
#   fearcheck_add_lint(lint
#       [SARIF <file>]            also write a SARIF 2.1.0 report there
#       [BASELINE <file>]         report only findings the baseline lacks
#       [CONFIG <file>]           a configuration file (else .fearcheck)
#       [ARGS <option>...]        more fearcheck options
#       [ALL])                    part of the default build
#
# `cmake --build build --target lint` then fails when fearcheck reports a
# finding (exit status 1) or cannot analyse the tree (2).  fearcheck runs
# in CMAKE_SOURCE_DIR, so reports name files relative to the source tree
# (what code scanning expects of SARIF) and a .fearcheck there is read.
# Relative SARIF, BASELINE and CONFIG paths are relative to it as well.
#
# Including the module turns CMAKE_EXPORT_COMPILE_COMMANDS on for targets
# defined after it; FEARCHECK_EXECUTABLE names the fearcheck to run
# (default: next to this file's install, else on PATH).
include_guard(GLOBAL)

set(_FEARCHECK_MODULE_DIR "${CMAKE_CURRENT_LIST_DIR}")
find_program(FEARCHECK_EXECUTABLE fearcheck
	HINTS "${_FEARCHECK_MODULE_DIR}/../../../bin"
	DOC "The fearcheck static checker")
set(CMAKE_EXPORT_COMPILE_COMMANDS ON)

function(fearcheck_add_lint name)
	cmake_parse_arguments(PARSE_ARGV 1 FC "ALL" "SARIF;BASELINE;CONFIG"
		"ARGS")
	if(FC_UNPARSED_ARGUMENTS)
		message(FATAL_ERROR
			"fearcheck_add_lint: unknown arguments: ${FC_UNPARSED_ARGUMENTS}")
	endif()
	if(NOT FEARCHECK_EXECUTABLE)
		message(FATAL_ERROR "fearcheck_add_lint: fearcheck not found; "
			"set FEARCHECK_EXECUTABLE")
	endif()
	if(NOT CMAKE_EXPORT_COMPILE_COMMANDS)
		message(WARNING "fearcheck_add_lint: CMAKE_EXPORT_COMPILE_COMMANDS "
			"is off; ${CMAKE_BINARY_DIR}/compile_commands.json may be missing")
	endif()
	set(cmd "${FEARCHECK_EXECUTABLE}" -p "${CMAKE_BINARY_DIR}")
	if(FC_CONFIG)
		list(APPEND cmd --config "${FC_CONFIG}")
	endif()
	if(FC_BASELINE)
		list(APPEND cmd --baseline "${FC_BASELINE}")
	endif()
	if(FC_SARIF)
		list(APPEND cmd --format sarif -o "${FC_SARIF}")
	endif()
	list(APPEND cmd ${FC_ARGS})
	set(all "")
	if(FC_ALL)
		set(all ALL)
	endif()
	add_custom_target(${name} ${all}
		COMMAND ${cmd}
		WORKING_DIRECTORY "${CMAKE_SOURCE_DIR}"
		COMMENT "fearcheck: checking ${PROJECT_NAME}"
		VERBATIM USES_TERMINAL)
endfunction()
