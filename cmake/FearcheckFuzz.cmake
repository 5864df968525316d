# SPDX-License-Identifier: MIT
#
# The libFuzzer targets of fuzz/: built with clang (-fsanitize=fuzzer plus
# ASan and UBSan) as a project of their own through ExternalProject, since
# the rest may be built with gcc, and run by ctest for a bounded time each
# (fuzz/<name>, FEARCHECK_FUZZ_SECONDS).  Needs a clang whose fuzzer
# runtime is installed (Debian: clang-19 and libclang-rt-19-dev); without
# one the targets are left out with a message.  Not in a sanitizer build
# of fearcheck itself: the fuzzers carry their own sanitizers.
option(FEARCHECK_FUZZ "Build the fuzz targets and run them in the tests" ON)
set(FEARCHECK_FUZZ_SECONDS 10 CACHE STRING
	"Seconds ctest runs each fuzz target")

if(NOT FEARCHECK_FUZZ OR FEARCHECK_ENABLE_ASAN OR FEARCHECK_ENABLE_UBSAN OR
   FEARCHECK_ENABLE_TSAN)
	return()
endif()

# The clang of the LLVM whose libclang we use, else any clang.
get_filename_component(_fc_llvm "${LibClang_INCLUDE_DIR}" DIRECTORY)
find_program(FC_FUZZ_CC NAMES clang clang-${LibClang_VERSION_MAJOR}
	HINTS "${_fc_llvm}/bin" NO_DEFAULT_PATH)
find_program(FC_FUZZ_CC NAMES clang-${LibClang_VERSION_MAJOR} clang)
if(NOT FC_FUZZ_CC)
	message(STATUS "fuzz targets: no clang found; not built")
	return()
endif()
set(_fc_probe ${CMAKE_CURRENT_BINARY_DIR}/fuzz-probe)
file(WRITE ${_fc_probe}.c
	"#include <stddef.h>\n#include <stdint.h>\n"
	"int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)"
	"{ (void)d; (void)n; return 0; }\n")
execute_process(COMMAND ${FC_FUZZ_CC} -fsanitize=fuzzer,address,undefined
	${_fc_probe}.c -o ${_fc_probe}
	RESULT_VARIABLE _fc_rc OUTPUT_QUIET ERROR_QUIET)
if(NOT _fc_rc EQUAL 0)
	message(STATUS "fuzz targets: ${FC_FUZZ_CC} cannot link "
		"-fsanitize=fuzzer (install its compiler-rt, e.g. "
		"libclang-rt-${LibClang_VERSION_MAJOR}-dev); not built")
	return()
endif()

include(ExternalProject)
include(${PROJECT_SOURCE_DIR}/fuzz/targets.cmake)
set(_fc_fuzz_bin ${CMAKE_CURRENT_BINARY_DIR}/fuzz)
set(_fc_gen "")
if(CMAKE_GENERATOR)
	set(_fc_gen CMAKE_GENERATOR ${CMAKE_GENERATOR})
endif()
ExternalProject_Add(fearcheck_fuzzers
	SOURCE_DIR ${PROJECT_SOURCE_DIR}/fuzz
	BINARY_DIR ${_fc_fuzz_bin}
	${_fc_gen}
	CMAKE_ARGS -DCMAKE_C_COMPILER=${FC_FUZZ_CC}
		-DCMAKE_BUILD_TYPE=RelWithDebInfo
		-DFC_SOURCE_DIR=${PROJECT_SOURCE_DIR}
		-DFEARCHECK_LLVM_ROOT=${FEARCHECK_LLVM_ROOT}
	BUILD_ALWAYS ON
	INSTALL_COMMAND ""
	USES_TERMINAL_BUILD ON)

foreach(t IN LISTS FC_FUZZ_ANALYZER_TARGETS FC_FUZZ_RUNTIME_TARGETS)
	add_test(NAME fuzz/${t}
		COMMAND sh ${PROJECT_SOURCE_DIR}/fuzz/run.sh
			${_fc_fuzz_bin}/fuzz_${t}
			${PROJECT_SOURCE_DIR}/fuzz/corpus/${t}
			${_fc_fuzz_bin}/scratch/${t} ${FEARCHECK_FUZZ_SECONDS})
	set_tests_properties(fuzz/${t} PROPERTIES LABELS "fuzz"
		TIMEOUT 600)
endforeach()
