# SPDX-License-Identifier: MIT
#
# Finds libclang's C API and wraps it in the IMPORTED target LibClang::LibClang.
#
# FEARCHECK_LLVM_ROOT (cache) names the LLVM installation to use, e.g.
# /usr/lib/llvm-19.  Without it, the newest /usr/lib/llvm-N with N >= 19
# (Debian's layout) or a libclang found on the default paths is used.
# libclang 19 or newer is required: the analyzer relies on
# clang_getCursorBinaryOperatorKind / clang_getCursorUnaryOperatorKind.
#
# Sets LibClang_FOUND, LibClang_INCLUDE_DIR, LibClang_LIBRARY,
# LibClang_VERSION_MAJOR and LibClang_RESOURCE_DIR (clang's builtin headers).

set(_fc_hints "")
if(FEARCHECK_LLVM_ROOT)
	list(APPEND _fc_hints "${FEARCHECK_LLVM_ROOT}")
else()
	file(GLOB _fc_llvm_dirs LIST_DIRECTORIES true /usr/lib/llvm-[0-9]*)
	list(SORT _fc_llvm_dirs COMPARE NATURAL ORDER DESCENDING)
	foreach(_d IN LISTS _fc_llvm_dirs)
		string(REGEX MATCH "[0-9]+$" _v "${_d}")
		if(_v GREATER_EQUAL 19)
			list(APPEND _fc_hints "${_d}")
		endif()
	endforeach()
endif()

find_path(LibClang_INCLUDE_DIR clang-c/Index.h
	HINTS ${_fc_hints} PATH_SUFFIXES include NO_DEFAULT_PATH)
find_path(LibClang_INCLUDE_DIR clang-c/Index.h)
find_library(LibClang_LIBRARY NAMES clang libclang
	HINTS ${_fc_hints} PATH_SUFFIXES lib lib64 NO_DEFAULT_PATH)
find_library(LibClang_LIBRARY NAMES clang libclang)

if(LibClang_INCLUDE_DIR)
	file(STRINGS "${LibClang_INCLUDE_DIR}/clang-c/Index.h" _fc_minor
		REGEX "^#define CINDEX_VERSION_MINOR [0-9]+")
	string(REGEX MATCH "[0-9]+$" LibClang_CINDEX_MINOR "${_fc_minor}")
	# The LLVM major version is the directory's, when it has one.
	string(REGEX MATCH "llvm-([0-9]+)" _m "${LibClang_INCLUDE_DIR}")
	set(LibClang_VERSION_MAJOR "${CMAKE_MATCH_1}")
	get_filename_component(_fc_root "${LibClang_INCLUDE_DIR}" DIRECTORY)
	file(GLOB _fc_res LIST_DIRECTORIES true "${_fc_root}/lib/clang/[0-9]*")
	if(_fc_res)
		list(SORT _fc_res COMPARE NATURAL ORDER DESCENDING)
		list(GET _fc_res 0 LibClang_RESOURCE_DIR)
	endif()
endif()

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(LibClang
	REQUIRED_VARS LibClang_LIBRARY LibClang_INCLUDE_DIR)

# clang_getCursorBinaryOperatorKind arrived with CINDEX 0.64 (LLVM 17).
if(LibClang_FOUND AND LibClang_CINDEX_MINOR LESS 64)
	message(FATAL_ERROR "libclang at ${LibClang_INCLUDE_DIR} is too old "
		"(CINDEX 0.${LibClang_CINDEX_MINOR}); fearcheck needs libclang 19 or "
		"newer: apt-get install libclang-19-dev, or set FEARCHECK_LLVM_ROOT")
endif()

if(LibClang_FOUND AND NOT TARGET LibClang::LibClang)
	add_library(LibClang::LibClang UNKNOWN IMPORTED)
	set_target_properties(LibClang::LibClang PROPERTIES
		IMPORTED_LOCATION "${LibClang_LIBRARY}"
		INTERFACE_INCLUDE_DIRECTORIES "${LibClang_INCLUDE_DIR}")
endif()
mark_as_advanced(LibClang_INCLUDE_DIR LibClang_LIBRARY)
