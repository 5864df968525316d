/* SPDX-License-Identifier: MIT */
/*
 * rtlog.h - reports of the runtime tracker (log=FILE) as findings.
 */
#ifndef FC_RTLOG_H
#define FC_RTLOG_H

/*
 * rtlog_load - read a JSON log written by libfearcheck-rt (`fearcheck run
 * --log FILE`, FEARCHECK_RT=log=FILE) and file each report in it as a
 * finding of the `runtime` check.  Returns 0, or 2 after one message when
 * the file cannot be read or is not such a log.
 */
int rtlog_load(const char *path);

#endif
