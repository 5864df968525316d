/* SPDX-License-Identifier: MIT */
/*
 * config.h - the configuration file, `.fearcheck` at the tree's root or
 * `--config FILE` (format: docs/usage.md, "Configuration file").
 *
 * config_load() applies what the command line also says (checks, excluded
 * paths) to struct options, and keeps what later passes need in the
 * read-only tables below.  They are filled before any parse worker is
 * forked, so workers see them too, and never change afterwards.  Names
 * are interned.
 */
#ifndef FC_CONFIG_H
#define FC_CONFIG_H

#include "ir.h"
#include "options.h"

/*
 * Thread entry points that no spawn in the tree shows: callbacks a
 * framework calls on threads of its own (`thread-entry = on_request`).
 * Each runs as a thread of many instances, beside main, with an argument
 * nothing is known about.
 */
extern const char **config_thread_entries;
extern size_t config_nthread_entries;

enum config_lock_kind {
	CFG_LOCK_ACQUIRE,	/* lock-acquire: takes the lock, exclusive */
	CFG_LOCK_ACQUIRE_SHARED,	/* lock-acquire-shared: for reading */
	CFG_LOCK_TRY_ACQUIRE,	/* lock-try-acquire: 0 when it took it */
	CFG_LOCK_RELEASE,	/* lock-release */
};

/*
 * A function that acquires or releases, for its caller, the lock its
 * argument `arg` points to (`lock-acquire = my_lock(1)`).
 */
struct config_lock_wrapper {
	const char *name;
	enum config_lock_kind kind;
	int arg;		/* 0-based argument index */
};
extern const struct config_lock_wrapper *config_lock_wrappers;
extern size_t config_nlock_wrappers;

/*
 * A function of a channel API modelled on <fearcheck/chan.h>
 * (`channel-send = queue_push(1, 2)`): the operation, the argument that
 * is the channel handle and the argument that is the message (or, for
 * channel-new, the receiver handle), each 0-based; -1 when it is the
 * call's value (for channel-new's handle: the call returns one handle that
 * both sends and receives) or, for clone and drop, when there is none.
 */
struct config_chan_model {
	const char *name;
	enum chan_op op;
	int handle_arg;
	int msg_arg;
};
extern const struct config_chan_model *config_chan_models;
extern size_t config_nchan_models;

/*
 * config_add_model - remember a model file (--model FILE) for config_load()
 * to read after the configuration: channel-* keys only, adding to
 * config_chan_models.  path must stay valid until config_load() returns.
 */
void config_add_model(const char *path);

/*
 * config_load_nested - merge the thread entries, lock wrappers and channel
 * models of every `.fearcheck` between a directory PATH and the files of
 * js (see config.c).  Returns 0, or 2 after a message.
 */
struct jobs;
int config_load_nested(struct options *o, const struct jobs *js);

/* Forgets what config_load() read and the model files (for the fuzzer). */
void config_reset(void);
/* The model files read, in order (their contents shape the facts). */
extern const char *const *config_model_files;
extern size_t config_nmodel_files;

/* docs-url: where docs/checks/<id>.md pages are published, or NULL. */
extern const char *config_docs_url;

/* The configuration file read, or NULL. */
extern const char *config_path;

/*
 * config_load - find and read the configuration: o->config when given
 * (it must exist), else `.fearcheck` in the first PATH when that is a
 * directory, else `.fearcheck` in the current directory; none is fine.
 * Enables and disables checks, adds excluded paths to o->cdb and fills the
 * tables above.  Returns 0, or 2 after one message naming the file, line
 * and column of the problem.
 */
int config_load(struct options *o);

#endif
