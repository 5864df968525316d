// SPDX-License-Identifier: MIT
/*
 * rt_report.c - printing what the tracker found: lockdep-shaped text on
 * stderr, one JSON object per line in the log (log=FILE), one line per
 * report in the result file that `fearcheck run` reads (result=FILE), and
 * the suppressions that silence known reports (suppressions=FILE, read
 * and matched by rt_suppress.c).
 *
 * Reports are built elsewhere (rt_graph.c, rt_acquire.c, rt_watchdog.c)
 * as plain data in the finding thread's slot, then handed to
 * fc_report_flush() with no internal lock held but the guard set.  Here,
 * under report_lock, they are symbolized (rt_stack.c), matched against the
 * suppressions, and written.  This is the only place that may call malloc
 * (libdw, jansson) or format text.
 *
 * Deterministic mode (deterministic=1) prints no address, thread id, pid
 * or time, and only base names of source files, so a test can compare the
 * whole report: locks are named by fearcheck_rt_name_lock(), by the global
 * they are, or by where they were initialised (kind@file:line, with #N for
 * the N-th lock from one site); threads are main, T1, T2... in creation
 * order, or the name given with pthread_setname_np().
 */
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "rt.h"
#include "rt_suppress.h"

#define RULE "======================================================================"
#define DASH "----------------------------------------------------------------------"

static pthread_mutex_t report_lock = PTHREAD_MUTEX_INITIALIZER;
static uint32_t nreports;
static uint64_t *seen;			/* hashes of reported cycles */
static uint32_t nseen;

static const char *const type_id[FC_R_NR] = {
	[FC_R_CYCLE] = "lock-order-inversion",
	[FC_R_RELOCK] = "double-lock",
	[FC_R_BAD_UNLOCK] = "bad-unlock",
	[FC_R_DESTROY_HELD] = "destroy-held",
	[FC_R_FREE_HELD] = "free-held",
	[FC_R_EXIT_HELD] = "exit-held",
	[FC_R_WATCHDOG] = "deadlock",
};

static const char *const kind_name[FC_KIND_NR] = {
	[FC_KIND_MUTEX] = "mutex",
	[FC_KIND_RWLOCK] = "rwlock",
	[FC_KIND_SPIN] = "spinlock",
	[FC_KIND_MTX] = "mtx",
};

static const size_t kind_size[FC_KIND_NR] = {
	[FC_KIND_MUTEX] = sizeof(pthread_mutex_t),
	[FC_KIND_RWLOCK] = sizeof(pthread_rwlock_t),
	[FC_KIND_SPIN] = sizeof(pthread_spinlock_t),
	[FC_KIND_MTX] = sizeof(mtx_t),
};

/* ---- suppressions ----------------------------------------------------- */

/* The rules of suppressions=FILE (rt_suppress.c), loaded at start-up. */
static struct fc_supps supps;

static int supp_stack(uint32_t id)
{
	const uintptr_t *f;
	int n;

	f = fc_stack_get(id, &n);
	for (int i = 0; i < n; i++) {
		struct fc_sym s;

		fc_symbolize(f[i], &s);
		if (fc_supp_match(&supps, FC_SUPP_FUN, s.func) ||
		    fc_supp_match(&supps, FC_SUPP_SRC, s.file))
			return 1;
	}
	return 0;
}

static void lock_label(const struct fc_rlock *l, char *buf, size_t len);

static int suppressed(const struct fc_report *r)
{
	char label[256];

	if (!supps.n)
		return 0;
	if (fc_supp_match(&supps, FC_SUPP_TYPE, type_id[r->type]))
		return 1;
	for (unsigned int i = 0; i < r->nlocks; i++) {
		lock_label(&r->locks[i], label, sizeof(label));
		if (fc_supp_match(&supps, FC_SUPP_LOCK, label) ||
		    fc_supp_match(&supps, FC_SUPP_LOCK,
				  fc_name_get(r->locks[i].name)))
			return 1;
	}
	if (supp_stack(r->stack) || supp_stack(r->holder_stack))
		return 1;
	for (unsigned int i = 0; i < r->nedges; i++)
		if (supp_stack(r->edges[i].from_stack) ||
		    supp_stack(r->edges[i].to_stack))
			return 1;
	for (unsigned int i = 0; i < r->nheld; i++)
		if (supp_stack(r->held[i].stack))
			return 1;
	for (unsigned int i = 0; i < r->nwait; i++)
		if (supp_stack(r->wait[i].stack))
			return 1;
	return 0;
}

/* ---- output ----------------------------------------------------------- */

static char obuf[16384];
static size_t olen;

static void out_flush(void)
{
	size_t off = 0;

	while (off < olen) {
		ssize_t n = write(2, obuf + off, olen - off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		off += n;
	}
	olen = 0;
}

static void out(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void out(const char *fmt, ...)
{
	va_list ap;
	int n;

	if (fc_opt.quiet)
		return;
	va_start(ap, fmt);
	n = vsnprintf(obuf + olen, sizeof(obuf) - olen, fmt, ap);
	va_end(ap);
	if (n >= 0 && (size_t)n >= sizeof(obuf) - olen) {
		out_flush();
		va_start(ap, fmt);
		n = vsnprintf(obuf, sizeof(obuf), fmt, ap);
		va_end(ap);
		if (n >= (int)sizeof(obuf))
			n = sizeof(obuf) - 1;
	}
	if (n > 0)
		olen += n;
}

static void say(const char *prefix, const char *fmt, va_list ap)
{
	char buf[512];
	int n;

	n = snprintf(buf, sizeof(buf), "fearcheck: %s", prefix);
	n += vsnprintf(buf + n, sizeof(buf) - n - 1, fmt, ap);
	if (n > (int)sizeof(buf) - 2)
		n = sizeof(buf) - 2;
	buf[n++] = '\n';
	if (write(2, buf, n) < 0)
		return;
}

/*
 * Print one "fearcheck: BUG: ..." line on stderr, at once.  Safe anywhere:
 * no malloc, no stdio.
 */
void fc_bug(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	say("BUG: ", fmt, ap);
	va_end(ap);
}

/* Print one "fearcheck: ..." line on stderr; as safe as fc_bug(). */
void fc_say(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	say("", fmt, ap);
	va_end(ap);
}

static const char *base_name(const char *path)
{
	const char *b = path ? strrchr(path, '/') : NULL;

	return b ? b + 1 : path;
}

static const char *src_name(const char *path)
{
	return fc_opt.deterministic ? base_name(path) : path;
}

/* Symbolize a call site as "func file:line" into buf. */
static void site_text(uintptr_t pc, char *buf, size_t len)
{
	struct fc_sym s;

	fc_symbolize(pc, &s);
	if (s.file)
		snprintf(buf, len, "%s %s:%d", s.func ? s.func : "??",
			 src_name(s.file), s.line);
	else
		snprintf(buf, len, "%s (%s)", s.func ? s.func : "??",
			 s.module ? base_name(s.module) : "??");
}

static void lock_label(const struct fc_rlock *l, char *buf, size_t len)
{
	const char *name = fc_name_get(l->name), *sym;
	size_t ksz = kind_size[l->kind];
	uintptr_t off;
	uint64_t size;

	if (name) {
		snprintf(buf, len, "%s", name);
		return;
	}
	sym = fc_data_symbol(l->addr, &off, &size);
	if (sym) {
		if (!off && size <= ksz)
			snprintf(buf, len, "%s", sym);
		else if (size % ksz == 0 && off % ksz == 0)
			snprintf(buf, len, "%s[%lu]", sym,
				 (unsigned long)(off / ksz));
		else
			snprintf(buf, len, "%s+%lu", sym, (unsigned long)off);
		return;
	}
	if (l->site) {
		struct fc_sym s;
		int n;

		fc_symbolize(l->site, &s);
		if (s.file)
			n = snprintf(buf, len, "%s@%s:%d", kind_name[l->kind],
				     base_name(s.file), s.line);
		else
			n = snprintf(buf, len, "%s@%s", kind_name[l->kind],
				     s.func ? s.func : "??");
		if (l->site_ord > 1 && n > 0 && (size_t)n < len)
			snprintf(buf + n, len - n, "#%u", l->site_ord);
		return;
	}
	snprintf(buf, len, "%s@%#lx", kind_name[l->kind],
		 fc_opt.deterministic ? 0ul : (unsigned long)l->addr);
}

static const char *label(const struct fc_report *r, unsigned int i)
{
	static char buf[FC_MAX_CYCLE + FC_MAX_REPORT_HELD + 2][160];

	lock_label(&r->locks[i], buf[i], sizeof(buf[i]));
	return buf[i];
}

static void print_stack(uint32_t id, const char *indent)
{
	const uintptr_t *f;
	int n, shown = 0;

	f = fc_stack_get(id, &n);
	for (int i = 0; i < n; i++) {
		struct fc_sym s;

		fc_symbolize(f[i], &s);
		if (s.skip)
			continue;
		if (fc_opt.deterministic)
			out("%s#%d ", indent, shown);
		else
			out("%s#%d %#014lx in ", indent, shown,
			    (unsigned long)f[i]);
		if (s.file)
			out("%s %s:%d\n", s.func ? s.func : "??",
			    src_name(s.file), s.line);
		else
			out("%s (%s)\n", s.func ? s.func : "??",
			    s.module ? base_name(s.module) : "??");
		shown++;
		if (s.func && !strcmp(s.func, "main"))
			break;
	}
	if (!shown)
		out("%s(no stack)\n", indent);
}

/* First frame of a stack that is the program's, as "func file:line". */
static void first_frame(uint32_t id, char *buf, size_t len)
{
	const uintptr_t *f;
	int n;

	f = fc_stack_get(id, &n);
	for (int i = 0; i < n; i++) {
		struct fc_sym s;

		fc_symbolize(f[i], &s);
		if (!s.skip) {
			site_text(f[i], buf, len);
			return;
		}
	}
	snprintf(buf, len, "??");
}

static void thread_text(const struct fc_rthread *t, char *buf, size_t len)
{
	if (fc_opt.deterministic || !t->tid)
		snprintf(buf, len, "%s", t->name);
	else
		snprintf(buf, len, "%s/%d", t->name, (int)t->tid);
}

static const char *lockop(unsigned int mode)
{
	return mode == FC_MODE_R ? "rlock" : "lock";
}

static void print_held(const struct fc_report *r)
{
	char thr[64], where[256];

	thread_text(&r->thr, thr, sizeof(thr));
	if (!r->total_held) {
		out("no locks held by %s.\n", thr);
		return;
	}
	out("%u lock%s held by %s:\n", r->total_held,
	    r->total_held == 1 ? "" : "s", thr);
	for (unsigned int i = 0; i < r->nheld; i++) {
		first_frame(r->held[i].stack, where, sizeof(where));
		out(" #%u: (%s)%s%s, at: %s\n", i, label(r, r->held[i].lock),
		    r->held[i].mode == FC_MODE_R ? " for reading" : "",
		    r->held[i].flags & FC_ACQ_TRY ? " by trylock" : "", where);
	}
	if (r->total_held > r->nheld)
		out(" ... and %u more\n", r->total_held - r->nheld);
}

static void print_locks(const struct fc_report *r)
{
	char where[256];

	out("\nthe locks:\n");
	for (unsigned int i = 0; i < r->nlocks; i++) {
		const struct fc_rlock *l = &r->locks[i];

		out(" (%s): %s%s", label(r, i),
		    l->kind == FC_KIND_RWLOCK && l->subtype ?
			    "writer-preferring " : "",
		    kind_name[l->kind]);
		if (!fc_opt.deterministic)
			out(" at %#lx", (unsigned long)l->addr);
		if (l->site) {
			site_text(l->site, where, sizeof(where));
			out(", %s %s", l->site_init ? "initialised at" :
			    "first taken at", where);
		}
		if (l->dead)
			out(", since destroyed");
		out("\n");
	}
}

static void print_cycle(const struct fc_report *r)
{
	const struct fc_redge *e0 = &r->edges[0];
	const struct fc_redge *last = &r->edges[r->nedges - 1];
	char thr[64], other[64];

	thread_text(&r->thr, thr, sizeof(thr));
	out("fearcheck: WARNING: possible circular locking dependency detected (lock-order inversion)\n");
	out(DASH "\n");
	out("thread %s is trying to acquire lock:\n", thr);
	out(" (%s)%s at:\n", label(r, e0->to),
	    e0->acq_mode == FC_MODE_R ? " for reading" : "");
	print_stack(r->stack, "    ");
	out("\nbut thread %s already holds lock:\n", thr);
	out(" (%s)%s at:\n", label(r, e0->from),
	    e0->held_mode == FC_MODE_R ? " for reading" : "");
	print_stack(e0->from_stack, "    ");
	out("\nwhich lock already depends on the new lock.\n");
	if (r->single_thread)
		out("(every dependency in this cycle was made by thread %s; reported because single_thread=1)\n",
		    thr);
	out("\nthe existing dependency chain (in reverse order) is:\n");
	if (r->total_edges > r->nedges)
		out("\n... %u more dependencies not shown\n",
		    r->total_edges - r->nedges);
	for (int i = r->nedges - 1; i >= 0; i--) {
		const struct fc_redge *e = &r->edges[i];

		thread_text(&e->thr, other, sizeof(other));
		out("\n-> #%d (%s):\n", i, label(r, e->to));
		out("       %s by thread %s while holding (%s), at:\n",
		    e->acq_mode == FC_MODE_R ? "read-locked" : "taken", other,
		    label(r, e->from));
		print_stack(e->to_stack, "    ");
		out("       (%s) was %s at:\n", label(r, e->from),
		    e->held_mode == FC_MODE_R ? "read-locked" : "taken");
		print_stack(e->from_stack, "    ");
	}
	out("\nother info that might help us debug this:\n\n");
	if (r->nedges > 2) {
		out(" Chain exists of:\n   ");
		for (unsigned int i = 1; i < r->nedges; i++)
			out("(%s) --> ", label(r, r->edges[i].from));
		out("(%s)\n\n", label(r, last->to));
	}
	thread_text(&last->thr, other, sizeof(other));
	out(" Possible unsafe locking scenario:\n\n");
	out("       %-24s%s\n", other, thr);
	out("       %-24s%s\n", "----", "----");
	out("  %s(%s);\n", lockop(last->held_mode), label(r, last->from));
	out("                               %s(%s);\n",
	    lockop(e0->held_mode), label(r, e0->from));
	out("                               %s(%s);\n",
	    lockop(e0->acq_mode), label(r, e0->to));
	out("  %s(%s);\n", lockop(last->acq_mode), label(r, last->to));
	out("\n *** DEADLOCK ***\n\n");
	print_held(r);
}

static void print_relock(const struct fc_report *r)
{
	char thr[64];
	const char *l = label(r, r->subject);

	thread_text(&r->thr, thr, sizeof(thr));
	out("fearcheck: WARNING: possible recursive locking detected (double lock)\n");
	out(DASH "\n");
	out("thread %s is trying to acquire lock:\n", thr);
	out(" (%s)%s at:\n", l, r->mode == FC_MODE_R ? " for reading" : "");
	print_stack(r->stack, "    ");
	out("\nbut thread %s already holds lock:\n", thr);
	out(" (%s)%s at:\n", l,
	    r->other_held == FC_MODE_R + 1 ? " for reading" : "");
	print_stack(r->holder_stack, "    ");
	out("\nand (%s) is not a recursive lock: this acquisition waits for itself.\n",
	    l);
	out("\nother info that might help us debug this:\n\n");
	out(" Possible unsafe locking scenario:\n\n");
	out("       %s\n       ----\n", thr);
	out("  %s(%s);\n", lockop(r->other_held - 1), l);
	out("  %s(%s);\n", lockop(r->mode), l);
	out("\n *** DEADLOCK ***\n\n");
	print_held(r);
}

static void print_holder(const struct fc_report *r, const char *verb)
{
	char thr[64], holder[64];

	thread_text(&r->thr, thr, sizeof(thr));
	if (!r->other_held) {
		out("\nbut no thread holds it.\n\n");
		return;
	}
	thread_text(&r->holder, holder, sizeof(holder));
	if (!strcmp(thr, holder))
		out("\nbut thread %s %s it, taken at:\n", holder, verb);
	else
		out("\nbut it is held by thread %s, taken at:\n", holder);
	print_stack(r->holder_stack, "    ");
	out("\n");
}

static void print_bad_unlock(const struct fc_report *r)
{
	char thr[64], holder[64];

	thread_text(&r->thr, thr, sizeof(thr));
	out("fearcheck: WARNING: bad unlock balance detected (unlock of a lock not held)\n");
	out(DASH "\n");
	out("thread %s is trying to release lock:\n", thr);
	out(" (%s) at:\n", label(r, r->subject));
	print_stack(r->stack, "    ");
	if (r->other_held) {
		thread_text(&r->holder, holder, sizeof(holder));
		out("\nbut thread %s does not hold it: thread %s does, since:\n",
		    thr, holder);
		print_stack(r->holder_stack, "    ");
		out("\n");
	} else {
		out("\nbut no thread holds it.\n\n");
	}
	print_held(r);
}

static void print_gone_held(const struct fc_report *r)
{
	char thr[64];

	thread_text(&r->thr, thr, sizeof(thr));
	if (r->type == FC_R_DESTROY_HELD) {
		out("fearcheck: WARNING: held lock destroyed (destroy of a locked lock)\n");
		out(DASH "\n");
		out("thread %s is destroying lock:\n", thr);
	} else {
		out("fearcheck: WARNING: held lock freed (free of memory that holds a locked lock)\n");
		out(DASH "\n");
		if (fc_opt.deterministic)
			out("thread %s is freeing memory that holds lock:\n",
			    thr);
		else
			out("thread %s is freeing memory [%#lx-%#lx) that holds lock:\n",
			    thr, (unsigned long)r->range_lo,
			    (unsigned long)r->range_hi);
	}
	out(" (%s) at:\n", label(r, r->subject));
	print_stack(r->stack, "    ");
	print_holder(r, "holds");
	print_held(r);
}

static void print_exit_held(const struct fc_report *r)
{
	char thr[64];

	thread_text(&r->thr, thr, sizeof(thr));
	out("fearcheck: WARNING: thread exiting with locks held (lock leak)\n");
	out(DASH "\n");
	out("thread %s is exiting while holding %u lock%s:\n", thr,
	    r->total_held, r->total_held == 1 ? "" : "s");
	for (unsigned int i = 0; i < r->nheld; i++) {
		out(" #%u: (%s)%s, taken at:\n", i, label(r, r->held[i].lock),
		    r->held[i].mode == FC_MODE_R ? " for reading" : "");
		print_stack(r->held[i].stack, "    ");
	}
	if (r->total_held > r->nheld)
		out(" ... and %u more\n", r->total_held - r->nheld);
	out("\nwhoever takes them next waits forever.\n");
}

static void print_watchdog(const struct fc_report *r)
{
	char thr[64], where[256];

	out("fearcheck: WARNING: deadlock detected: %u thread%s blocked on each other for %d s (watchdog)\n",
	    r->nwait, r->nwait == 1 ? "" : "s", fc_opt.watchdog);
	out(DASH "\n");
	for (unsigned int i = 0; i < r->nwait; i++) {
		const struct fc_rwait *w = &r->wait[i];

		thread_text(&w->thr, thr, sizeof(thr));
		out("%sthread %s is blocked %s (%s) at:\n", i ? "\n" : "", thr,
		    w->mode == FC_MODE_R ? "read-locking" : "acquiring",
		    label(r, w->lock));
		print_stack(w->stack, "    ");
		if (!w->nheld) {
			out("while holding no lock\n");
			continue;
		}
		out("while holding:\n");
		for (unsigned int k = 0; k < w->nheld; k++) {
			first_frame(w->held[k].stack, where, sizeof(where));
			out(" #%u: (%s)%s, at: %s\n", k,
			    label(r, w->held[k].lock),
			    w->held[k].mode == FC_MODE_R ? " for reading" : "",
			    where);
		}
	}
	out("\n *** DEADLOCK ***\n");
}

/*
 * The title comes first (its first line names the problem, which is what
 * tools grep for), then lockdep's sections, then a closing rule.
 */
static void print_text(const struct fc_report *r)
{
	switch (r->type) {
	case FC_R_CYCLE:
		print_cycle(r);
		break;
	case FC_R_RELOCK:
		print_relock(r);
		break;
	case FC_R_BAD_UNLOCK:
		print_bad_unlock(r);
		break;
	case FC_R_DESTROY_HELD:
	case FC_R_FREE_HELD:
		print_gone_held(r);
		break;
	case FC_R_EXIT_HELD:
		print_exit_held(r);
		break;
	case FC_R_WATCHDOG:
		print_watchdog(r);
		break;
	default:
		break;
	}
	print_locks(r);
	out(RULE "\n");
	out_flush();
}

/* ---- JSON ------------------------------------------------------------- */

static json_t *json_stack(uint32_t id)
{
	json_t *a = json_array();
	const uintptr_t *f;
	int n;

	f = fc_stack_get(id, &n);
	for (int i = 0; i < n; i++) {
		json_t *o = json_object();
		struct fc_sym s;
		char pc[32];

		fc_symbolize(f[i], &s);
		if (s.skip) {
			json_decref(o);
			continue;
		}
		json_object_set_new(o, "function",
				    s.func ? json_string(s.func) : json_null());
		json_object_set_new(o, "file", s.file ?
				    json_string(src_name(s.file)) :
				    json_null());
		json_object_set_new(o, "line", json_integer(s.line));
		json_object_set_new(o, "module", s.module ?
				    json_string(src_name(s.module)) :
				    json_null());
		if (!fc_opt.deterministic) {
			snprintf(pc, sizeof(pc), "%#lx", (unsigned long)f[i]);
			json_object_set_new(o, "pc", json_string(pc));
		}
		json_array_append_new(a, o);
		if (s.func && !strcmp(s.func, "main"))
			break;
	}
	return a;
}

static json_t *json_thread(const struct fc_rthread *t)
{
	json_t *o = json_object();

	json_object_set_new(o, "name", json_string(t->name));
	if (!fc_opt.deterministic && t->tid)
		json_object_set_new(o, "tid", json_integer(t->tid));
	return o;
}

static const char *mode_name(unsigned int mode)
{
	return mode == FC_MODE_R ? "read" : "write";
}

static json_t *json_site(uintptr_t pc)
{
	json_t *o = json_object();
	struct fc_sym s;

	fc_symbolize(pc, &s);
	json_object_set_new(o, "function",
			    s.func ? json_string(s.func) : json_null());
	json_object_set_new(o, "file", s.file ?
			    json_string(src_name(s.file)) : json_null());
	json_object_set_new(o, "line", json_integer(s.line));
	return o;
}

static json_t *json_held(const struct fc_rheld *h, unsigned int n)
{
	json_t *a = json_array();

	for (unsigned int i = 0; i < n; i++) {
		json_t *o = json_object();

		json_object_set_new(o, "lock", json_integer(h[i].lock));
		json_object_set_new(o, "mode",
				    json_string(mode_name(h[i].mode)));
		json_object_set_new(o, "trylock",
				    json_boolean(h[i].flags & FC_ACQ_TRY));
		json_object_set_new(o, "stack", json_stack(h[i].stack));
		json_array_append_new(a, o);
	}
	return a;
}

static void write_json(const struct fc_report *r)
{
	json_t *o = json_object(), *locks = json_array();
	char buf[64], name[256];
	char *text;
	int fd;

	json_object_set_new(o, "tool", json_string("fearcheck-rt"));
	json_object_set_new(o, "type", json_string(type_id[r->type]));
	if (!fc_opt.deterministic)
		json_object_set_new(o, "pid", json_integer(getpid()));
	json_object_set_new(o, "thread", json_thread(&r->thr));
	json_object_set_new(o, "stack", json_stack(r->stack));
	for (unsigned int i = 0; i < r->nlocks; i++) {
		const struct fc_rlock *l = &r->locks[i];
		json_t *lo = json_object();

		lock_label(l, name, sizeof(name));
		json_object_set_new(lo, "label", json_string(name));
		json_object_set_new(lo, "kind",
				    json_string(kind_name[l->kind]));
		json_object_set_new(lo, "name", l->name ?
				    json_string(fc_name_get(l->name)) :
				    json_null());
		if (!fc_opt.deterministic) {
			snprintf(buf, sizeof(buf), "%#lx",
				 (unsigned long)l->addr);
			json_object_set_new(lo, "address", json_string(buf));
		}
		if (l->site)
			json_object_set_new(lo, l->site_init ? "initialised" :
					    "first_taken", json_site(l->site));
		json_object_set_new(lo, "destroyed", json_boolean(l->dead));
		json_array_append_new(locks, lo);
	}
	json_object_set_new(o, "locks", locks);
	if (r->type == FC_R_CYCLE) {
		json_t *edges = json_array();

		for (unsigned int i = 0; i < r->nedges; i++) {
			const struct fc_redge *e = &r->edges[i];
			json_t *eo = json_object();

			json_object_set_new(eo, "held",
					    json_integer(e->from));
			json_object_set_new(eo, "acquired",
					    json_integer(e->to));
			json_object_set_new(eo, "held_mode", json_string(
					mode_name(e->held_mode)));
			json_object_set_new(eo, "acquired_mode", json_string(
					mode_name(e->acq_mode)));
			json_object_set_new(eo, "thread", json_thread(&e->thr));
			json_object_set_new(eo, "held_stack",
					    json_stack(e->from_stack));
			json_object_set_new(eo, "acquired_stack",
					    json_stack(e->to_stack));
			json_array_append_new(edges, eo);
		}
		json_object_set_new(o, "edges", edges);
		json_object_set_new(o, "cycle_length",
				    json_integer(r->total_edges));
		json_object_set_new(o, "single_thread",
				    json_boolean(r->single_thread));
	} else if (r->type != FC_R_WATCHDOG && r->type != FC_R_EXIT_HELD) {
		json_object_set_new(o, "lock", json_integer(r->subject));
		if (r->other_held) {
			json_object_set_new(o, "holder",
					    json_thread(&r->holder));
			json_object_set_new(o, "holder_stack",
					    json_stack(r->holder_stack));
		}
	}
	if (r->type == FC_R_WATCHDOG) {
		json_t *waits = json_array();

		for (unsigned int i = 0; i < r->nwait; i++) {
			const struct fc_rwait *w = &r->wait[i];
			json_t *wo = json_object();

			json_object_set_new(wo, "thread", json_thread(&w->thr));
			json_object_set_new(wo, "lock", json_integer(w->lock));
			json_object_set_new(wo, "mode",
					    json_string(mode_name(w->mode)));
			json_object_set_new(wo, "stack", json_stack(w->stack));
			json_object_set_new(wo, "held",
					    json_held(w->held, w->nheld));
			json_array_append_new(waits, wo);
		}
		json_object_set_new(o, "blocked", waits);
		json_object_set_new(o, "seconds",
				    json_integer(fc_opt.watchdog));
	} else {
		json_object_set_new(o, "held", json_held(r->held, r->nheld));
		json_object_set_new(o, "held_count",
				    json_integer(r->total_held));
	}
	text = json_dumps(o, JSON_COMPACT | JSON_ENSURE_ASCII);
	json_decref(o);
	if (!text)
		return;
	fd = open(fc_opt.log, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
	if (fd >= 0) {
		size_t len = strlen(text);

		text[len] = '\n';	/* over the NUL json_dumps put */
		if (write(fd, text, len + 1) < 0)
			len = 0;
		text[len] = 0;
		close(fd);
	} else {
		fc_bug("cannot open log file %s: %s", fc_opt.log,
		       strerror(errno));
	}
	free(text);
}

/*
 * Append "WHAT ARG" as one line to the result file (result=FILE), which
 * every process of a `fearcheck run` shares: one write() with O_APPEND, so
 * lines never mix.  No malloc, no stdio.
 */
void fc_result_line(const char *what, const char *arg)
{
	char line[128];
	int fd, n;

	if (!fc_opt.result[0])
		return;
	fd = open(fc_opt.result, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC,
		  0600);
	if (fd < 0)
		return;
	n = snprintf(line, sizeof(line), "%s %s\n", what, arg);
	if (n > 0 && write(fd, line, n) < 0)
		n = 0;
	close(fd);
}

/* ---- entry points ----------------------------------------------------- */

/* Map the reported-cycle set, load the suppressions.  From fc_init(). */
void fc_report_init(void)
{
	seen = mmap(NULL, sizeof(*seen) * FC_MAX_REPORTED,
		    PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (seen == MAP_FAILED)
		seen = NULL;
	if (fc_opt.suppressions[0])
		fc_supp_load(&supps, fc_opt.suppressions);
}

/*
 * report_lock serialises printing and the symbol caches; it is the
 * outermost internal lock.
 */
void fc_report_lock(void)
{
	fc_real.mutex_lock(&report_lock);
}

void fc_report_unlock(void)
{
	fc_real.mutex_unlock(&report_lock);
}

/* Returns how many reports were printed (not suppressed) so far. */
uint32_t fc_report_count(void)
{
	return __atomic_load_n(&nreports, __ATOMIC_RELAXED);
}

/*
 * Has the cycle keys[0..n-1] (in any rotation) been reported?  Marks it
 * reported and returns 0 the first time.  Call with graph_lock held.
 */
int fc_cycle_seen(const uint64_t *keys, unsigned int n)
{
	unsigned int start = 0;
	uint64_t h = 0xcafe0000u + n, i;

	for (unsigned int k = 1; k < n; k++)
		if (keys[k] < keys[start])
			start = k;
	for (unsigned int k = 0; k < n; k++)
		h = fc_fmix(h ^ keys[(start + k) % n]);
	h |= 1;
	if (!seen)
		return 1;
	for (i = h;; i++) {
		uint64_t *s = &seen[i & (FC_MAX_REPORTED - 1)];

		if (*s == h)
			return 1;
		if (!*s) {
			if (++nseen > FC_MAX_REPORTED / 4 * 3) {
				fc_disable("FC_MAX_REPORTED");
				return 1;
			}
			*s = h;
			return 0;
		}
	}
}

/*
 * Print the reports queued on t and empty its queue; then abort if asked
 * to, or stop tracking after the first report with report=first.  Call
 * with the guard set and no internal lock held.
 */
void fc_report_flush(struct fc_thread *t)
{
	unsigned int n = t->npending, printed = 0;

	if (!n)
		return;
	fc_report_lock();
	for (unsigned int i = 0; i < n; i++) {
		const struct fc_report *r = &t->pending[i];

		if (suppressed(r))
			continue;
		print_text(r);
		if (fc_opt.log[0])
			write_json(r);
		fc_result_line("report", type_id[r->type]);
		__atomic_add_fetch(&nreports, 1, __ATOMIC_RELAXED);
		printed++;
	}
	t->npending = 0;
	fc_report_unlock();
	if (!printed)
		return;
	if (fc_opt.abort_on_report)
		abort();
	if (!fc_opt.report_all)
		fc_disable(NULL);
}
