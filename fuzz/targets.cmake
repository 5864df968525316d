# SPDX-License-Identifier: MIT
#
# The fuzz targets, read by fuzz/CMakeLists.txt (to build them) and by the
# main project (to run them in ctest).  See fuzz/README.md.

# fuzz_<name>.c linked with every analyzer module.
set(FC_FUZZ_ANALYZER_TARGETS config model suppress baseline facts rtlog)

# fuzz_<name>.c linked with FC_FUZZ_SOURCES_<name> (paths relative to the
# source tree): runtime parsers, without the interceptors.
set(FC_FUZZ_RUNTIME_TARGETS rt_options rt_suppressions)
set(FC_FUZZ_SOURCES_rt_options runtime/rt_options.c)
set(FC_FUZZ_SOURCES_rt_suppressions runtime/rt_suppress.c)
