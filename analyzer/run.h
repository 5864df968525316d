/* SPDX-License-Identifier: MIT */
/*
 * run.h - `fearcheck run`: run a program under the runtime lock-order
 * tracker, libfearcheck-rt.so (docs/runtime.md).
 */
#ifndef FC_RUN_H
#define FC_RUN_H

/*
 * Run `fearcheck run [options] [--] PROGRAM [ARGS...]`; argv[0] is "run".
 * Returns the exit status for fearcheck: the --exit-code value (default
 * 1) when the tracker reported anything, else the program's own status
 * (128 + N when signal N killed it); 2 for bad options or when the
 * tracker cannot be found; 126/127 when PROGRAM cannot be executed.
 */
int run_main(int argc, char **argv);

#endif /* FC_RUN_H */
