/* SPDX-License-Identifier: MIT */
#ifndef LOCKS_H
#define LOCKS_H
#include <pthread.h>

extern pthread_mutex_t queue_mu;
extern pthread_mutex_t log_mu;
void log_message(const char *what);
void queue_push(int v);

#endif
