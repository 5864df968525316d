// SPDX-License-Identifier: MIT
/*
 * chanrules_loop.c - the channel checks, part 3: loops that receive until
 * the channel disconnects, and chan-recv-never-ends.
 *
 * Pass: checks.  Input: one function's CFG and its channel analysis
 * (chanrules.c).  Output: whether a receive heads such a loop (for the
 * effects of the function: a thread entry that waits for disconnection),
 * and chan-recv-never-ends findings.
 *
 * A receive loops until disconnection when it sits in a cycle of the CFG
 * whose only ways out are the receive failing: `while (fc_recv(rx, &m) ==
 * FC_OK)`, `if (fc_recv(...) != FC_OK) break;`, and a fc_recv_timeout
 * loop that leaves on FC_DISCONNECTED (its timeouts may leave too).  Paths
 * that cannot return (abort(), exit()) are no way out.  Such a loop never
 * ends while a sender of the same channel, held by the same function, is
 * alive on every path into it and nothing in the loop drops it; nor does
 * a join of a thread running such a loop, with a sender alive.
 */
#include "chanrules.h"

#include <stdlib.h>
#include <string.h>

static void reach(const struct loopctx *lc, uint32_t from, bool fwd,
		  bool *seen);

void chanrules_loopctx_init(struct loopctx *lc, const struct function *fn)
{
	memset(lc, 0, sizeof(*lc));
	lc->fn = fn;
	lc->pfirst = xcalloc(fn->nblk + 2, sizeof(uint32_t));
	for (uint32_t b = 0; b < fn->nblk; b++)
		for (uint32_t k = 0; k < fn->blk[b].nsucc; k++)
			lc->pfirst[fn->blk[b].succ[k].to + 1]++;
	for (uint32_t b = 0; b < fn->nblk; b++)
		lc->pfirst[b + 1] += lc->pfirst[b];
	uint32_t *fill = xcalloc(fn->nblk + 1, sizeof(uint32_t));
	lc->pv = xmalloc(sizeof(uint32_t) * (lc->pfirst[fn->nblk] + 1));
	for (uint32_t b = 0; b < fn->nblk; b++)
		for (uint32_t k = 0; k < fn->blk[b].nsucc; k++) {
			uint32_t to = fn->blk[b].succ[k].to;
			lc->pv[lc->pfirst[to] + fill[to]++] = b;
		}
	free(fill);
	lc->live = xmalloc(fn->nblk + 1);
	lc->fwd = xmalloc(fn->nblk + 1);
	lc->bwd = xmalloc(fn->nblk + 1);
	lc->loop = xcalloc(fn->nblk + 1, 1);
	if (fn->nblk > FC_EXIT_BLOCK)
		reach(lc, FC_EXIT_BLOCK, false, lc->live);
}

void chanrules_loopctx_free(struct loopctx *lc)
{
	free(lc->pfirst);
	free(lc->pv);
	free(lc->live);
	free(lc->fwd);
	free(lc->bwd);
	free(lc->loop);
	memset(lc, 0, sizeof(*lc));
}

/* Blocks reachable from `from` (fwd), or from which it is (!fwd). */
static void reach(const struct loopctx *lc, uint32_t from, bool fwd,
		  bool *seen)
{
	const struct function *fn = lc->fn;
	uint32_t *work = xmalloc(sizeof(uint32_t) * (fn->nblk + 1));
	uint32_t n = 0;
	memset(seen, 0, fn->nblk + 1);
	seen[from] = true;
	work[n++] = from;
	while (n) {
		uint32_t b = work[--n];
		uint32_t cnt = fwd ? fn->blk[b].nsucc
				   : lc->pfirst[b + 1] - lc->pfirst[b];
		for (uint32_t k = 0; k < cnt; k++) {
			uint32_t nx = fwd ? fn->blk[b].succ[k].to
					  : lc->pv[lc->pfirst[b] + k];
			if (!seen[nx]) {
				seen[nx] = true;
				work[n++] = nx;
			}
		}
	}
	free(work);
}

static uint32_t block_of(const struct function *fn, uint32_t ev)
{
	for (uint32_t b = 0; b < fn->nblk; b++)
		if (ev >= fn->blk[b].first_ev &&
		    ev < fn->blk[b].first_ev + fn->blk[b].nev)
			return b;
	return UINT32_MAX;
}

/* The constant a block's branch compares a channel result with, or -1. */
static long long compared_with(const struct function *fn, uint32_t b)
{
	for (uint32_t k = fn->blk[b].nev; k-- > 0;) {
		const struct event *e = &fn->ev[fn->blk[b].first_ev + k];
		if (e->kind == EV_TEST && !e->path && e->val.is_const)
			return e->val.cval;
	}
	return -1;
}

/* Is e one of fearcheck's own channel functions (not a model's)? */
static bool fc_api(const struct event *e)
{
	return e->callee && !strncmp(e->callee, "fc_", 3);
}

enum recv_loop chanrules_recv_loop(struct loopctx *lc, uint32_t r)
{
	const struct function *fn = lc->fn;
	const struct event *e = &fn->ev[r];
	if (e->kind != EV_CHAN || (e->mode != CH_RECV &&
				   e->mode != CH_RECV_TIMEOUT) ||
	    !(e->flags & EVF_TESTED) || !(e->flags & EVF_IN_LOOP))
		return RL_NONE;
	uint32_t rb = block_of(fn, r);
	if (rb == UINT32_MAX)
		return RL_NONE;
	reach(lc, rb, true, lc->fwd);
	reach(lc, rb, false, lc->bwd);
	/* In a cycle, not a do { } while (0) of a macro. */
	bool cycle = false;
	for (uint32_t k = 0; k < fn->blk[rb].nsucc && !cycle; k++)
		cycle = lc->bwd[fn->blk[rb].succ[k].to];
	if (!cycle)
		return RL_NONE;
	for (uint32_t b = 0; b < fn->nblk; b++)
		lc->loop[b] = lc->fwd[b] && lc->bwd[b];
	/* How can the loop end?  Only by the receive failing. */
	bool disconnect = false;
	for (uint32_t b = 0; b < fn->nblk; b++) {
		if (!lc->loop[b])
			continue;
		for (uint32_t k = 0; k < fn->blk[b].nsucc; k++) {
			const struct edge *ed = &fn->blk[b].succ[k];
			if (lc->loop[ed->to] || !lc->live[ed->to])
				continue;
			if (ed->cond_ev != (int32_t)r ||
			    chanrules_edge_ok(e, ed->on_success))
				return RL_NONE;
			long long kv = compared_with(fn, b);
			if (e->mode == CH_RECV ? kv < 0 || kv == 1
					       : kv == 1 && fc_api(e))
				disconnect = true;
		}
	}
	if (!disconnect)
		return RL_NONE;
	return e->mode == CH_RECV ? RL_DISCONNECT : RL_DISCONNECT_OR_TIMEOUT;
}

/* Does anything in the loop's blocks change what handle hi is? */
static bool touched_in(const struct fa *a, const bool *loop, int32_t hi)
{
	const struct function *fn = a->fn;
	const struct chandle *h = &a->h.a[hi];
	for (uint32_t b = 0; b < fn->nblk; b++) {
		if (!loop[b])
			continue;
		for (uint32_t k = 0; k < fn->blk[b].nev; k++) {
			uint32_t ei = fn->blk[b].first_ev + k;
			const struct event *e = &fn->ev[ei];
			if (chanrules_hop(a, ei, hi))
				return true;
			if (chanrules_is_drop(e) && a->ev_op[ei] == hi)
				return true;
			if ((e->kind == EV_PTSTORE ||
			     (e->kind == EV_ACCESS && (e->flags & EVF_WRITE))) &&
			    h->var && e->path &&
			    discipline_same_path(e->path, h->var))
				return true;
		}
	}
	return false;
}

/* The first drop of handle hi outside blocks `skip` (NULL: anywhere after
 * event `after`). */
static const struct event *dropped_later(const struct fa *a, const bool *skip,
					 uint32_t after, int32_t hi)
{
	const struct event *best = NULL;
	for (uint32_t ei = 0; ei < a->fn->nev; ei++) {
		const struct event *e = &a->fn->ev[ei];
		uint32_t b = block_of(a->fn, ei);
		if (b == UINT32_MAX || !chanrules_is_drop(e) ||
		    a->ev_op[ei] != hi)
			continue;
		if (skip ? skip[b] : discipline_pos_cmp(e->pos,
							a->fn->ev[after].pos)
				     <= 0)
			continue;
		if (!best || discipline_pos_cmp(e->pos, best->pos) < 0)
			best = e;
	}
	return best;
}

/* Is sender hs one of the senders that keeps receiver hr's channel open? */
static bool keeps_open(const struct fa *a, int32_t hr, int32_t hs,
		       uint8_t states)
{
	const struct chandle *r = &a->h.a[hr], *h = &a->h.a[hs];
	/* A queue's one pointer is both its ends: whoever closes it uses
	 * that same pointer. */
	bool one = (h->var && r->var && discipline_same_path(h->var, r->var)) ||
		   (h->obj && r->obj && discipline_same_path(h->obj, r->obj));
	return h->chan == r->chan && r->chan >= 0 && h->kind == HK_TX &&
	       !one && states && !(states & ~(HS_LIVE | HS_KEPT));
}

/* Notes on where sender hs comes from and why it stays. */
static void note_sender(struct finding_builder *fb, const struct fa *a,
			int32_t hs, uint8_t states)
{
	const struct chandle *h = &a->h.a[hs];
	const char *n = chanrules_short_name(h);
	if (h->create_ev >= 0)
		diag_note(fb, h->pos, "'%s' %s here", n,
			  a->fn->ev[h->create_ev].kind == EV_CHAN &&
			  a->fn->ev[h->create_ev].mode == CH_CLONE ?
			  "cloned" : "created");
	if (!(states & HS_KEPT))
		return;
	for (size_t k = 0; k < a->hops.n; k++) {
		const struct hop *hp = &a->hops.a[k];
		if (hp->hi == hs && hp->thread && hp->eff &&
		    hp->eff->drop == DROP_NONE) {
			diag_note(fb, a->fn->ev[hp->ev].pos, "handed here to "
				  "thread '%s', which never drops it",
				  hp->callee ? hp->callee : "?");
			return;
		}
	}
}

static void report_loop(struct fa *a, uint32_t r, int32_t rx, int32_t tx,
			bool timeout, const bool *loop)
{
	const struct event *e = &a->fn->ev[r];
	const struct chandle *ht = &a->h.a[tx];
	const char *tn = chanrules_handle_name(ht);
	uint8_t s = a->ev_states[(size_t)r * a->h.n + (size_t)tx];
	struct finding_builder fb;
	diag_begin(&fb, "chan-recv-never-ends", e->pos,
		   "this loop receives from %s until every sender is dropped, "
		   "but %s stays alive: %s",
		   chanrules_handle_name(&a->h.a[rx]), tn,
		   timeout ? "the loop can only end by timing out"
			   : "the loop never ends");
	note_sender(&fb, a, tx, s);
	const struct event *d = dropped_later(a, loop, 0, tx);
	if (d)
		diag_note(&fb, d->pos, "'%s' is dropped only here, after the "
			  "loop", chanrules_short_name(ht));
	else if (!(s & HS_KEPT))
		diag_note(&fb, e->pos, "'%s' is not dropped before the loop or "
			  "in it", chanrules_short_name(ht));
	diag_fingerprint(&fb, "%s|%s|%s", chanrules_short_name(&a->h.a[rx]),
			 chanrules_short_name(ht), a->fn->name);
	chanrules_end(&fb, chanrules_key("chan-recv-never-ends", e->pos, tn));
}

static void report_join(struct fa *a, uint32_t j, const struct hop *hp,
			int32_t tx)
{
	const struct event *e = &a->fn->ev[j];
	const struct chandle *ht = &a->h.a[tx];
	const char *tn = chanrules_handle_name(ht);
	uint8_t s = a->ev_states[(size_t)j * a->h.n + (size_t)tx];
	struct finding_builder fb;
	diag_begin(&fb, "chan-recv-never-ends", e->pos,
		   "joining thread '%s', which receives from %s until every "
		   "sender is dropped, while %s is alive: the join never "
		   "returns", hp->callee ? hp->callee : "?",
		   chanrules_handle_name(&a->h.a[hp->hi]), tn);
	diag_note(&fb, a->fn->ev[hp->ev].pos, "thread '%s' created here",
		  hp->callee ? hp->callee : "?");
	if (hp->eff->wait_pos.file)
		diag_note(&fb, hp->eff->wait_pos, "'%s' receives until "
			  "disconnection here",
			  hp->eff->wait_fn ? hp->eff->wait_fn : "?");
	note_sender(&fb, a, tx, s);
	const struct event *d = dropped_later(a, NULL, j, tx);
	if (d)
		diag_note(&fb, d->pos, "'%s' is dropped only here, after the "
			  "join", chanrules_short_name(ht));
	diag_fingerprint(&fb, "join|%s|%s|%s", hp->callee ? hp->callee : "?",
			 chanrules_short_name(ht), a->fn->name);
	chanrules_end(&fb, chanrules_key("chan-recv-never-ends", e->pos, tn));
}

/* A join: of a thread that receives until disconnection, sender alive? */
static void check_join(struct fa *a, uint32_t j)
{
	const struct event *e = &a->fn->ev[j];
	for (uint32_t s = 0; s < a->fn->nev; s++) {
		const struct event *sp = &a->fn->ev[s];
		if (sp->kind != EV_SPAWN || !sp->path || !e->path ||
		    !discipline_same_path(sp->path, e->path))
			continue;
		for (size_t k = 0; k < a->hops.n; k++) {
			const struct hop *hp = &a->hops.a[k];
			if (hp->ev != s || !hp->thread || !hp->eff ||
			    !hp->eff->waits)
				continue;
			for (size_t hs = 0; hs < a->h.n; hs++) {
				uint8_t st = a->ev_states[(size_t)j * a->h.n +
							  hs];
				if (!keeps_open(a, hp->hi, (int32_t)hs, st))
					continue;
				report_join(a, j, hp, (int32_t)hs);
				return;
			}
		}
	}
}

void chanrules_never_ends(struct fa *a)
{
	const struct function *fn = a->fn;
	if (!a->ev_states || !chanrules_enabled("chan-recv-never-ends"))
		return;
	struct loopctx lc;
	chanrules_loopctx_init(&lc, fn);
	for (uint32_t r = 0; r < fn->nev; r++) {
		if (fn->ev[r].kind == EV_JOIN) {
			check_join(a, r);
			continue;
		}
		int32_t rx = a->ev_op[r];
		if (rx < 0 || a->h.a[rx].kind != HK_RX)
			continue;
		enum recv_loop how = chanrules_recv_loop(&lc, r);
		if (how == RL_NONE)
			continue;
		for (size_t hs = 0; hs < a->h.n; hs++) {
			uint8_t st = a->ev_states[(size_t)r * a->h.n + hs];
			if (!keeps_open(a, rx, (int32_t)hs, st) ||
			    touched_in(a, lc.loop, (int32_t)hs))
				continue;
			report_loop(a, r, rx, (int32_t)hs,
				    how == RL_DISCONNECT_OR_TIMEOUT, lc.loop);
			break;
		}
	}
	chanrules_loopctx_free(&lc);
}
