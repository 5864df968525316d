// SPDX-License-Identifier: MIT
/*
 * chanrules_report.c - the channel checks, part 4: what they report, and
 * the entry points of the checks.
 *
 * Pass: checks.  Input: each function's analysis (chanrules.c), and for
 * bounded sends the threads' records with the locks they hold.  Output:
 * findings of chan-use-after-send, chan-send-after-drop, chan-double-drop,
 * chan-unchecked, chan-leak (chan-recv-never-ends: chanrules_loop.c) and
 * the bounded-send case of blocking-under-lock.
 *
 * The checks run together, once per program, when the first of them is
 * called (each id's run function calls chanrules_run()), and file only
 * the findings of the checks that are enabled.  Each finding is judged
 * in the function whose code is at fault: a call that drops a handle its
 * caller already dropped is reported at the call, with the callee's drop
 * as evidence, and no caller of that function reports it again.
 */
#include "chanrules.h"

#include <stdlib.h>
#include <string.h>

#include "options.h"

bool chanrules_enabled(const char *id)
{
	const struct check_def *c = options_find_check(id);
	return c && c->enabled;
}

const char *chanrules_short_name(const struct chandle *h)
{
	return apath_render(h->var ? h->var : h->obj);
}

static const char *msg_name(const struct cmsg *m)
{
	return apath_render(m->var ? m->var : m->obj);
}

static const char *fn_of(const struct event *e)
{
	return e->callee ? e->callee : "?";
}

const struct hop *chanrules_hop(const struct fa *a, uint32_t ev, int32_t hi)
{
	for (uint32_t k = a->hop_first[ev]; k < a->hop_first[ev + 1]; k++)
		if (a->hops.a[k].hi == hi)
			return &a->hops.a[k];
	return NULL;
}

const char *chanrules_key(const char *check, struct pos pos, const char *what)
{
	return internf("%s|%s:%u:%u|%s", check, pos.file ? pos.file : "",
		       pos.line, pos.col, what);
}

/* Notes on how a handle came to be dropped at event prev. */
static void note_dropped(struct finding_builder *fb, const struct fa *a,
			 int32_t prev, int32_t hi)
{
	if (prev < 0)
		return;
	const struct event *e = &a->fn->ev[prev];
	const char *n = chanrules_short_name(&a->h.a[hi]);
	if (e->kind == EV_CHAN) {
		/* A model's drop says which function: "closed by ...". */
		if (e->callee && strncmp(e->callee, "fc_", 3))
			diag_note(fb, e->pos, "'%s' dropped here by '%s'", n,
				  e->callee);
		else
			diag_note(fb, e->pos, "'%s' dropped here", n);
		return;
	}
	const struct hop *h = chanrules_hop(a, (uint32_t)prev, hi);
	const char *callee = h && h->callee ? h->callee : "?";
	if (e->kind == EV_SPAWN)
		diag_note(fb, e->pos, "'%s' handed here to thread '%s', "
			  "which drops it", n, callee);
	else
		diag_note(fb, e->pos, "'%s' dropped by '%s' here", n, callee);
	if (h && h->eff && h->eff->drop_pos.file)
		diag_note(fb, h->eff->drop_pos, "'%s' drops it here",
			  h->eff->drop_fn ? h->eff->drop_fn : callee);
}

/* Files the finding, without a note repeated (one callee, two drops). */
void chanrules_end(struct finding_builder *fb, const char *key)
{
	size_t n = 0;
	for (size_t i = 0; i < fb->notes.n; i++) {
		bool dup = false;
		for (size_t k = 0; k < n && !dup; k++)
			dup = fb->notes.a[k].msg == fb->notes.a[i].msg &&
			      !discipline_pos_cmp(fb->notes.a[k].pos,
						  fb->notes.a[i].pos);
		if (!dup)
			fb->notes.a[n++] = fb->notes.a[i];
	}
	fb->notes.n = n;
	diag_end(fb, key);
}

static bool earlier(const struct fa *a, uint32_t x, uint32_t y)
{
	int c = discipline_pos_cmp(a->fn->ev[x].pos, a->fn->ev[y].pos);
	return c < 0 || (c == 0 && x < y);
}

/*
 * The finding to report for each group: the earliest at-fault record of
 * kind with the same slot (and the same prev when by_prev).
 */
static bool first_of_group(const struct fa *a, const struct cfind *f,
			   bool by_prev)
{
	for (size_t i = 0; i < a->finds.n; i++) {
		const struct cfind *g = &a->finds.a[i];
		if (g == f || !g->bad || g->kind != f->kind ||
		    g->slot != f->slot || (by_prev && g->prev != f->prev))
			continue;
		if (earlier(a, g->ev, f->ev))
			return false;
	}
	return true;
}

/* ------------------------------------------------------ use-after-send */

static void report_use(struct fa *a, const struct cfind *f)
{
	const struct cmsg *m = &a->m.a[f->slot];
	const struct event *e = &a->fn->ev[f->ev];
	const struct event *s = &a->fn->ev[m->ev];
	const char *n = msg_name(m);
	const char *some = (f->mask & (MS_NONE | MS_OWNED)) ?
			   " on some paths" : "";
	struct finding_builder fb;
	switch (e->kind) {
	case EV_ACCESS:
		diag_begin(&fb, "chan-use-after-send", e->pos,
			   "'%s' %s after '%s' was sent%s: the receiver owns "
			   "it now", apath_render(e->path),
			   (e->flags & EVF_WRITE) ? "written" : "read", n,
			   some);
		break;
	case EV_CALL:
		diag_begin(&fb, "chan-use-after-send", e->pos,
			   "'%s' passed to '%s' after it was sent%s: the "
			   "receiver owns it now", n,
			   e->callee ? e->callee : "a function", some);
		break;
	case EV_CHAN:
		diag_begin(&fb, "chan-use-after-send", e->pos,
			   "'%s' sent again after it was sent%s: the receiver "
			   "owns it now", n, some);
		break;
	case EV_SPAWN:
		diag_begin(&fb, "chan-use-after-send", e->pos,
			   "'%s' handed to a thread after it was sent%s: the "
			   "receiver owns it now", n, some);
		break;
	default:
		diag_begin(&fb, "chan-use-after-send", e->pos,
			   "'%s' returned after it was sent%s: the receiver "
			   "owns it now", n, some);
		break;
	}
	if (f->ev == m->ev)
		diag_note(&fb, s->pos, "'%s' sent here in an earlier "
			  "iteration, and not assigned since", n);
	else
		diag_note(&fb, s->pos, "'%s' sent here through '%s'", n,
			  s->path ? apath_render(s->path) : "?");
	if (!(f->mask & MS_SENT))
		diag_note(&fb, s->pos, "the result of '%s' is not checked: "
			  "the message is the receiver's whenever the send "
			  "succeeds", fn_of(s));
	diag_fingerprint(&fb, "%s|%s", n, a->fn->name);
	chanrules_end(&fb, chanrules_key("chan-use-after-send", e->pos, n));
}

/* -------------------------------------------------- send-after-drop */

/* "after it was dropped", or after a thread that drops it got it. */
static const char *after_drop(const struct fa *a, const struct cfind *f)
{
	const char *some = (f->mask & ~(HS_DROPPED | HS_TDROP | HS_ABSENT)) ?
			   " on some paths" : "";
	if (f->prev >= 0 && a->fn->ev[f->prev].kind == EV_SPAWN) {
		const struct hop *h = chanrules_hop(a, (uint32_t)f->prev, f->slot);
		return internf("after handing it to thread '%s', which drops "
			       "it%s", h && h->callee ? h->callee : "?", some);
	}
	return internf("after it was dropped%s", some);
}

static void report_after_drop(struct fa *a, const struct cfind *f)
{
	const struct chandle *h = &a->h.a[f->slot];
	const struct event *e = &a->fn->ev[f->ev];
	const char *n = chanrules_handle_name(h);
	const struct hop *hp = NULL;
	struct finding_builder fb;
	if (e->kind == EV_CHAN) {
		const char *verb = e->mode == CH_SEND ? "sending through" :
				   e->mode == CH_CLONE ? "cloning" :
				   "receiving from";
		diag_begin(&fb, "chan-send-after-drop", e->pos, "%s %s %s",
			   verb, n, after_drop(a, f));
	} else {
		hp = chanrules_hop(a, f->ev, f->slot);
		diag_begin(&fb, "chan-send-after-drop", e->pos,
			   "'%s' uses %s %s", hp && hp->callee ? hp->callee
							    : "?",
			   n, after_drop(a, f));
	}
	note_dropped(&fb, a, f->prev, f->slot);
	if (hp && hp->eff && hp->eff->use_pos.file)
		diag_note(&fb, hp->eff->use_pos, "'%s' uses it here",
			  hp->eff->use_fn ? hp->eff->use_fn : hp->callee);
	diag_fingerprint(&fb, "%s|%s", n, a->fn->name);
	chanrules_end(&fb, chanrules_key("chan-send-after-drop", e->pos, n));
}

/* ---------------------------------------------------------- double-drop */

static void report_double(struct fa *a, const struct cfind *f)
{
	const struct chandle *h = &a->h.a[f->slot];
	const struct event *e = &a->fn->ev[f->ev];
	const char *n = chanrules_handle_name(h);
	bool some = f->mask & ~(HS_DROPPED | HS_TDROP | HS_ABSENT);
	bool again = f->prev == (int32_t)f->ev;	/* a loop's earlier round */
	const char *already = some ? "may already be dropped (on some paths)"
				   : "was already dropped";
	struct finding_builder fb;
	const struct hop *hp = e->kind == EV_CHAN ? NULL
						  : chanrules_hop(a, f->ev, f->slot);
	const char *callee = hp && hp->callee ? hp->callee : "?";
	if (e->kind == EV_CHAN)
		diag_begin(&fb, "chan-double-drop", e->pos,
			   "dropping %s, which %s", n, already);
	else if (e->kind == EV_SPAWN && again)
		diag_begin(&fb, "chan-double-drop", e->pos,
			   "each thread created here drops the same %s", n);
	else if (e->kind == EV_SPAWN)
		diag_begin(&fb, "chan-double-drop", e->pos,
			   "thread '%s' created here drops %s, which %s",
			   callee, n, already);
	else
		diag_begin(&fb, "chan-double-drop", e->pos,
			   "'%s' drops %s, which %s", callee, n, already);
	if (again && e->kind == EV_CHAN)
		diag_note(&fb, e->pos, "dropped here in an earlier iteration");
	else if (!again)
		note_dropped(&fb, a, f->prev, f->slot);
	if (hp && hp->eff && hp->eff->drop_pos.file)
		diag_note(&fb, hp->eff->drop_pos, "'%s' drops it here",
			  hp->eff->drop_fn ? hp->eff->drop_fn : callee);
	diag_fingerprint(&fb, "%s|%s", n, a->fn->name);
	chanrules_end(&fb, chanrules_key("chan-double-drop", e->pos, n));
}

/* ----------------------------------------------------------------- leak */

static void report_leak(struct fa *a, const struct cfind *f)
{
	const struct chandle *h = &a->h.a[f->slot];
	const struct event *e = &a->fn->ev[f->ev];
	const char *n = chanrules_handle_name(h);
	int32_t born = f->prev >= 0 && (a->ev_h1[f->prev] == f->slot ||
					a->ev_h2[f->prev] == f->slot) ?
		       f->prev : h->create_ev;
	struct pos at = born >= 0 ? a->fn->ev[born].pos : h->pos;
	/* Dropped or handed over on the way to some return? */
	uint8_t all = 0;
	for (size_t i = 0; i < a->finds.n; i++)
		if (a->finds.a[i].kind == CF_LEAK &&
		    a->finds.a[i].slot == f->slot)
			all |= a->finds.a[i].mask;
	bool some = all & ~(HS_LIVE | HS_KEPT | HS_ABSENT);
	struct finding_builder fb;
	if (e->kind != EV_RETURN) {
		diag_begin(&fb, "chan-leak", at, "%s is not dropped before it "
			   "is created again", n);
		diag_note(&fb, e->pos, "created again here%s",
			  f->ev == (uint32_t)born ? ", in the next iteration"
						  : "");
	} else {
		diag_begin(&fb, "chan-leak", at, "%s is %s", n,
			   some ? "not dropped on some paths" :
			   "never dropped");
		if (e->flags & EVF_IMPLICIT)
			diag_note(&fb, e->pos, "still held when '%s' ends here",
				  a->fn->name);
		else
			diag_note(&fb, e->pos, "still held when '%s' returns "
				  "here", a->fn->name);
	}
	/* Made by a wrapper (`c = clone_or_die(tx)`): the caller's to drop. */
	if (born >= 0 && a->fn->ev[born].kind == EV_CALL && h->creator)
		diag_note(&fb, at, "'%s' returns a new handle for its caller "
			  "to drop", h->creator);
	if (f->kept) {
		/* The spawn that gave it to a thread that keeps it. */
		for (size_t k = 0; k < a->hops.n; k++) {
			const struct hop *hp = &a->hops.a[k];
			if (hp->hi == f->slot && hp->thread && hp->eff &&
			    hp->eff->uses && hp->eff->drop == DROP_NONE) {
				diag_note(&fb, a->fn->ev[hp->ev].pos,
					  "handed here to thread '%s', which "
					  "uses it and never drops it",
					  hp->callee ? hp->callee : "?");
				break;
			}
		}
	}
	diag_fingerprint(&fb, "%s|%s", n, a->fn->name);
	chanrules_end(&fb, chanrules_key("chan-leak", at, n));
}

/* ------------------------------------------------------------ unchecked */

static void report_unchecked(struct fa *a, const struct cfind *f)
{
	const struct crecv *r = &a->r.a[f->slot];
	const struct event *e = &a->fn->ev[r->ev];
	const struct event *u = &a->fn->ev[f->ev];
	const char *n = apath_render(r->var);
	struct finding_builder fb;
	diag_begin(&fb, "chan-unchecked", e->pos, "the result of '%s' is "
		   "ignored, but the message '%s' is used", fn_of(e), n);
	diag_note(&fb, u->pos, "'%s' used here; when '%s' fails it holds no "
		  "message", n, fn_of(e));
	diag_fingerprint(&fb, "%s|%s", n, a->fn->name);
	chanrules_end(&fb, chanrules_key("chan-unchecked", e->pos, n));
}

void chanrules_report(struct fa *a)
{
	static const char *const ids[CF__COUNT] = {
		"chan-use-after-send", "chan-send-after-drop",
		"chan-double-drop", "chan-leak", "chan-unchecked",
	};
	bool on[CF__COUNT];
	for (int k = 0; k < CF__COUNT; k++)
		on[k] = chanrules_enabled(ids[k]);
	for (size_t i = 0; i < a->finds.n; i++) {
		const struct cfind *f = &a->finds.a[i];
		if (!f->bad || !on[f->kind])
			continue;
		switch (f->kind) {
		case CF_USE_AFTER_SEND:
			if (first_of_group(a, f, false))
				report_use(a, f);
			break;
		case CF_SEND_AFTER_DROP:
			if (first_of_group(a, f, true))
				report_after_drop(a, f);
			break;
		case CF_DOUBLE_DROP:
			report_double(a, f);
			break;
		case CF_LEAK:
			if (first_of_group(a, f, false))
				report_leak(a, f);
			break;
		case CF_UNCHECKED:
			if (first_of_group(a, f, false))
				report_unchecked(a, f);
			break;
		default:
			break;
		}
	}
}

/* -------------------------------------------------- bounded sends, locks */

struct creation {
	const struct apath *tx;
	bool bounded;
	struct pos pos;
};

/* The class a holder belongs to: its struct field, by type. */
static const struct apath *holder_class(const struct apath *p)
{
	return p->kind == ROOT_TYPE ? p : p->fallback;
}

static bool may_be(const struct apath *a, const struct apath *b)
{
	/* One variable, in its function's terms or a thread's (owner). */
	if (a->kind == b->kind && a->root == b->root && a->sel == b->sel &&
	    a->param == b->param)
		return true;
	const struct apath *ca = holder_class(a), *cb = holder_class(b);
	return ca && cb && ca == cb;
}

/* Another thread (or instance) that waits for lock lk, or NULL. */
static const struct sacq *waiter(const struct program *p,
				 const struct dhost *h, const struct apath *lk,
				 const struct thread **who)
{
	for (size_t i = 0; i < p->threads.n; i++) {
		const struct thread *t = &p->threads.a[i];
		if (t == h->t && !t->multi)
			continue;
		for (size_t k = 0; k < t->acq.n; k++) {
			const struct sacq *q = &t->acq.a[k];
			if (!(q->flags & EVF_TRY) && q->lock &&
			    may_be(q->lock, lk)) {
				*who = t;
				return q;
			}
		}
	}
	return NULL;
}

static void report_bounded(struct program *p, const struct dhost *h,
			   const struct sblock *b, const struct creation *c,
			   const struct idset *held)
{
	const char *locks = discipline_locks_text(held);
	struct finding_builder fb;
	diag_begin(&fb, "blocking-under-lock", b->pos,
		   "blocking send through '%s', of a bounded channel, while "
		   "%s", apath_render(b->path), locks);
	checks_note_chain(&fb, b->chain);
	diag_note(&fb, c->pos, "the channel is created bounded here: a send "
		  "waits until there is room (with bound 0, a receiver)");
	for (uint32_t i = 0; i < held->n && i < 4; i++) {
		const struct apath *lk = LOCK_PATH(held->v[i]);
		const struct sacq *f = discipline_acquired_at(h, lk, b->pos,
							      b->chain);
		if (f) {
			diag_note(&fb, f->pos, "'%s' acquired here",
				  apath_render(lk));
			checks_note_chain(&fb, f->chain);
		}
		const struct thread *who = NULL;
		const struct sacq *q = waiter(p, h, lk, &who);
		if (q) {
			diag_note(&fb, q->pos, "thread '%s'%s waits for it "
				  "here", thread_describe(p, who),
				  who == h->t ? " (another instance)" : "");
			checks_note_chain(&fb, q->chain);
		}
	}
	if (h->t)
		checks_note_thread(&fb, p, h->t);
	diag_fingerprint(&fb, "send|%s|%s|%s", apath_render(b->path), locks,
			 h->name);
	chanrules_end(&fb, internf("blocking-under-lock|%s:%u:%u|send|%s",
			      b->pos.file ? b->pos.file : "", b->pos.line,
			      b->pos.col, locks));
}

void chanrules_bounded_sends(struct program *p)
{
	VEC(struct creation) cs = { 0 };
	for (size_t i = 0; i < p->funcs.n; i++) {
		const struct function *fn = p->funcs.a[i].fn;
		for (uint32_t k = 0; k < fn->nev; k++) {
			const struct event *e = &fn->ev[k];
			if (e->kind == EV_CHAN && e->mode == CH_NEW && e->path) {
				struct creation c = { e->path,
						      e->flags & EVF_BOUNDED,
						      e->pos };
				vec_push(&cs, c);
			}
		}
	}
	bool any = false;
	for (size_t i = 0; i < cs.n; i++)
		any |= cs.a[i].bounded;
	if (!any) {
		vec_free(&cs);
		return;
	}
	size_t nh;
	struct dhost *hs = discipline_hosts(p, false, &nh);
	for (size_t i = 0; i < nh; i++) {
		const struct dhost *h = &hs[i];
		for (size_t k = 0; k < h->nblk; k++) {
			const struct sblock *b = &h->blk[k];
			if (b->kind != EV_CHAN || b->mode != CH_SEND ||
			    !b->path || !b->locks->n)
				continue;
			/* Every channel it may be is bounded. */
			const struct creation *c = NULL;
			bool unbounded = false;
			for (size_t q = 0; q < cs.n; q++) {
				if (!may_be(b->path, cs.a[q].tx))
					continue;
				if (!cs.a[q].bounded)
					unbounded = true;
				else if (!c)
					c = &cs.a[q];
			}
			if (!c || unbounded)
				continue;
			/* Locks nobody else takes make nobody wait. */
			const struct idset *held = b->locks;
			for (uint32_t m = 0; m < b->locks->n; m++) {
				const struct apath *lk = LOCK_PATH(
					b->locks->v[m]);
				const struct thread *who;
				if (!waiter(p, h, lk, &who) ||
				    discipline_trusted(p, h, lk))
					held = idset_del(held, b->locks->v[m]);
			}
			if (held->n)
				report_bounded(p, h, b, c, held);
		}
	}
	free(hs);
	vec_free(&cs);
}

/* ------------------------------------------------------------- entries */

static uint64_t ran_for;	/* serial of the program checked */

/* Runs every channel check on p, once, filing the enabled ones' findings. */
static void chanrules_run(struct program *p)
{
	if (ran_for == p->serial)
		return;
	ran_for = p->serial;
	if (!chanrules_any(p))
		return;
	for (size_t i = 0; i < p->funcs.n; i++) {
		const struct function *fn = p->funcs.a[i].fn;
		if (fn->is_global_init)
			continue;
		struct fa a;
		chanrules_analyse(p, (int32_t)i, &a);
		chanrules_report(&a);
		chanrules_never_ends(&a);
		chanrules_fa_free(&a);
	}
	check_chan_bounded_sends(p);
}

static uint64_t bounded_for;

void check_chan_bounded_sends(struct program *p)
{
	if (bounded_for == p->serial)
		return;
	bounded_for = p->serial;
	if (chanrules_enabled("blocking-under-lock"))
		chanrules_bounded_sends(p);
}

void check_chan_use_after_send(struct program *p)
{
	chanrules_run(p);
}

void check_chan_send_after_drop(struct program *p)
{
	chanrules_run(p);
}

void check_chan_double_drop(struct program *p)
{
	chanrules_run(p);
}

void check_chan_recv_never_ends(struct program *p)
{
	chanrules_run(p);
}

void check_chan_unchecked(struct program *p)
{
	chanrules_run(p);
}

void check_chan_leak(struct program *p)
{
	chanrules_run(p);
}
