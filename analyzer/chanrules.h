/* SPDX-License-Identifier: MIT */
/*
 * chanrules.h - private to the channel checks: chanrules.c (the handles,
 * messages and hand-overs of a function, and the effects of functions),
 * chanrules_flow.c (the path analysis), chanrules_loop.c (receive loops,
 * chan-recv-never-ends) and chanrules_report.c (the other reports).
 *
 * Each function is analysed on its own, path by path: the state of every
 * channel handle it names (created here, held since its entry, dropped,
 * handed to someone else) and of every message it sends.  A call is
 * judged by the effects of its callee (struct ceffects), computed the same
 * way bottom-up: which handles of its parameters it drops, on every path
 * or on some, sends through, hands off or replaces, and whether it returns
 * a new handle.
 */
#ifndef FC_CHANRULES_H
#define FC_CHANRULES_H

#include "checks.h"
#include "link.h"

/* What a handle is, as far as the calls on it tell. */
enum hkind { HK_TX = 0, HK_RX, HK_ANY };

/* The state of a handle on one path: one bit, or several once merged. */
#define HS_ABSENT	0x01u	/* not created yet, creation failed, NULL */
#define HS_LIVE		0x02u	/* created here, ours to drop */
#define HS_HANDED	0x04u	/* alive, owned elsewhere (stored, returned) */
#define HS_DROPPED	0x08u	/* dropped, here or by a callee */
#define HS_TDROP	0x10u	/* handed to a thread that drops it */
#define HS_ENTRY	0x20u	/* held since entry: not ours, fate unknown */
#define HS_KEPT		0x40u	/* handed to a thread that never drops it */
#define HS_WRITTEN	0x80u	/* its variable was assigned something else */

/* A sent message on one path. */
#define MS_NONE		0x01u	/* not sent, or its variable reassigned */
#define MS_OWNED	0x02u	/* the send failed: still ours */
#define MS_PENDING	0x04u	/* sent, unless the send failed */
#define MS_SENT		0x08u	/* the send succeeded */

/* A message received by a call whose result is ignored. */
#define RS_NONE		0x01u
#define RS_ARMED	0x02u	/* received unchecked, not yet looked at */

struct chandle {
	const struct apath *var;	/* holder: variable or field */
	const struct apath *obj;	/* the handle object, when specific */
	uint8_t kind;			/* enum hkind */
	int32_t create_ev;	/* creating event, or -1: held since entry */
	int32_t chan;		/* the fc_channel event it comes from, or -1 */
	bool bounded;		/* of a bounded channel (fc_sync_channel) */
	bool local;		/* held in a local variable: may leak */
	const char *creator;	/* the function that created it */
	struct pos pos;		/* where it was created */
};

struct cmsg {			/* a message sent by one send event */
	const struct apath *var;	/* the argument's lvalue */
	const struct apath *obj;	/* what it points to, when specific */
	uint32_t ev;
};

struct crecv {			/* a receive whose result is ignored */
	const struct apath *var;	/* where the message went */
	uint32_t ev;
};

enum drop_how { DROP_NONE = 0, DROP_SOME, DROP_ALL };

/* What a function does to a handle its caller can name. */
struct ceffect {
	const struct apath *key;	/* rooted at a parameter or a global */
	bool key_is_obj;	/* key names the handle object, not its holder */
	uint8_t kind;			/* enum hkind */
	uint8_t drop;			/* enum drop_how */
	bool escapes;		/* handed off: stored, returned, given away */
	bool keeps;		/* given to a thread that never drops it */
	bool writes;		/* its holder is assigned something else */
	bool uses;		/* sent, cloned or received through */
	bool waits;		/* received from until disconnection */
	struct pos drop_pos, use_pos, wait_pos;	/* where, the first time */
	const char *drop_fn, *use_fn, *wait_fn;	/* in which functions */
};

struct ceffects {
	VEC(struct ceffect) e;
	int8_t returns_new;	/* enum hkind of a new handle it returns, -1 */
};

/* How an event hands a handle over (struct hop). */
enum hop_how {
	HOP_EFFECT = 0,	/* a call or spawn whose callee's effect is known */
	HOP_UNKNOWN,	/* passed to code we cannot see */
	HOP_UNKNOWN_PTR,	/* its holder's address passed to such code */
	HOP_STORED,	/* stored into memory, returned, sent as a message */
};

struct hop {
	uint32_t ev;
	int32_t hi;
	uint8_t how;		/* enum hop_how */
	bool thread;		/* the event is a spawn */
	const struct ceffect *eff;
	const char *callee;
};

/* A candidate finding of one function, made by the reporting pass. */
enum cfind_kind {
	CF_USE_AFTER_SEND = 0, CF_SEND_AFTER_DROP, CF_DOUBLE_DROP,
	CF_LEAK, CF_UNCHECKED, CF__COUNT
};

struct cfind {
	uint8_t kind;		/* enum cfind_kind */
	uint32_t ev;		/* the event at fault */
	int32_t slot;		/* handle, message or receive index */
	int32_t prev;		/* the event before: drop, send, creation */
	uint8_t mask;		/* the slot's states there, on every path */
	bool bad;		/* at fault on some path */
	bool kept;		/* leak: a thread keeps it */
};

/* One function's analysis. */
struct fa {
	struct program *p;
	int32_t fi;
	const struct function *fn;
	uint32_t tu;
	bool report;		/* the reporting pass: record findings */
	bool is_main;
	VEC(struct chandle) h;
	VEC(struct cmsg) m;
	VEC(struct crecv) r;
	VEC(struct hop) hops;	/* sorted by event */
	int32_t *ev_h1, *ev_h2;	/* per event: handles it creates, -1 */
	int32_t *ev_op;		/* per event: the handle a chan op uses */
	int32_t *ev_slot;	/* per event: message or receive slot */
	uint32_t *hop_first;	/* per event: its first hop, nev+1 */
	VEC(struct cfind) finds;
	/* reporting pass: handle states seen at each receive and join */
	uint8_t *ev_states;	/* nev * nh when wanted, else NULL */
	/* summary: states at the returns of the handles held since entry */
	uint8_t *ret_all, *ret_any;	/* per handle: every path, some */
	bool *ret_seen;
	struct ceffects *eff;	/* being computed, or NULL */
	bool *esc, *kept;	/* per handle: given away, or to a keeper,
				   while held since entry */
	bool *wrote;		/* per handle: its holder assigned */
	struct pos *wait_pos;	/* per handle: a loop receiving from it until
				   disconnection, while held since entry */
	const char **wait_fn;
	struct pos *use_pos;	/* per handle: first use while ENTRY */
	const char **use_fn;
	struct pos *drop_pos;
	const char **drop_fn;
	int8_t ret_kind;	/* new handle returned on every path, or -1 */
	bool ret_other;		/* something else returned */
};

#define FC_CHAN_MAX_DJ 24	/* path classes per block before merging */
#define FC_CHAN_MAX_FACTS 16	/* branch outcomes a path class remembers */
#define FC_CHAN_MAX_SLOTS 64	/* handles, messages, receives per function */
#define FACT_CHAN (1u << 20)	/* fact ids of channel events: this | ev */
#define HS_GONE (HS_DROPPED | HS_TDROP)

/* chanrules.c */
bool chanrules_same(const struct apath *a, const struct apath *b);
/* Is p base itself or something reached from it (a field, a pointee)? */
bool chanrules_under(const struct apath *p, const struct apath *base);
/* Does value v name (var, obj), or point into obj? */
bool chanrules_val_names(const struct aval *v, const struct apath *var,
			 const struct apath *obj);
bool chanrules_val_into(const struct aval *v, const struct apath *var,
			const struct apath *obj);
/* The handle of end `kind` held in var or being obj, or -1. */
int32_t chanrules_find_handle(struct fa *a, const struct apath *var,
			      const struct apath *obj, uint8_t kind);
/* Does the program make any channel call at all? */
bool chanrules_any(struct program *p);
const struct ceffects *chanrules_effects(struct program *p, int32_t fi);
/* Analyses function fi for reporting: fills a->finds and what the
 * reports need.  Release with chanrules_fa_free(). */
void chanrules_analyse(struct program *p, int32_t fi, struct fa *a);
void chanrules_fa_free(struct fa *a);
const char *chanrules_handle_name(const struct chandle *h);
bool chanrules_is_drop(const struct event *e);
/* Does the edge mean that channel event e succeeded? */
bool chanrules_edge_ok(const struct event *e, bool on_success);

/* chanrules_flow.c: the path analysis; fills a->finds and the states. */
void chanrules_flow_run(struct fa *a);

/* chanrules_report.c */
void chanrules_report(struct fa *a);
void chanrules_bounded_sends(struct program *p);
bool chanrules_enabled(const char *id);
const char *chanrules_short_name(const struct chandle *h);
const struct hop *chanrules_hop(const struct fa *a, uint32_t ev, int32_t hi);
const char *chanrules_key(const char *check, struct pos pos, const char *what);
/* diag_end(), without a note that repeats an earlier one. */
void chanrules_end(struct finding_builder *fb, const char *key);

/* chanrules_loop.c: loops that receive until disconnection. */
struct loopctx {
	const struct function *fn;
	uint32_t *pfirst, *pv;	/* predecessors of block b */
	bool *live;		/* blocks from which the function returns */
	bool *fwd, *bwd, *loop;	/* scratch, and the last loop found */
};
void chanrules_loopctx_init(struct loopctx *lc, const struct function *fn);
void chanrules_loopctx_free(struct loopctx *lc);
enum recv_loop { RL_NONE = 0, RL_DISCONNECT, RL_DISCONNECT_OR_TIMEOUT };
/* Does receive event r loop until the channel disconnects?  Its loop's
 * blocks are left in lc->loop. */
enum recv_loop chanrules_recv_loop(struct loopctx *lc, uint32_t r);
void chanrules_never_ends(struct fa *a);

#endif
