// SPDX-License-Identifier: MIT
/*
 * rt_stack.c - call stacks: capture, hash-consed storage, symbolization.
 *
 * Capture uses glibc's backtrace() (the unwinder of libgcc_s, loaded once
 * at start-up so that no later capture has to dlopen it) and drops the
 * frames of this library.  It runs with no internal lock held.
 *
 * Storage: every distinct stack is kept once, in an append-only pool of
 * frames indexed by a 32-bit id (0: no stack), under graph_lock.  Stacks
 * are only captured on the slow path - a new chain, a new edge, a report -
 * so the pool grows with the program's distinct lock sites, not with its
 * run time.
 *
 * Symbolization runs only when a report is printed, under report_lock,
 * with elfutils' libdw (Debian libdw1 / libdw-dev): the function from the
 * symbol table, file:line from DWARF.  Addresses are return addresses, so
 * pc - 1 is looked up to land on the call.  Modules loaded later by
 * dlopen() are picked up by reporting /proc/self/maps again on a miss.
 */
#include <elfutils/libdw.h>
#include <elfutils/libdwfl.h>
#include <dlfcn.h>
#include <execinfo.h>
#include <gelf.h>
#include <link.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "rt.h"

struct stack {
	uint32_t off;		/* into frames */
	uint32_t len;
};

static uintptr_t self_lo, self_hi;	/* our own text */
static uintptr_t *frames;
static uint32_t frames_used;
static struct stack *stacks;
static uint32_t nstacks = 1;
static uint32_t *stack_hash;
static Dwfl *dwfl;
static pid_t dwfl_owner;
static Dwarf *last_dw;		/* the CU of the last line scan hit */
static Dwarf_Off last_cu;

/*
 * Reports name the same sites and locks again and again, and libdw's
 * symbol lookup scans the whole symbol table: remember the answers until
 * the session is rebuilt.
 */
#define SYM_CACHE 4096			/* power of 2 */
static struct sym_slot {
	uintptr_t pc;			/* 0: empty */
	struct fc_sym sym;
} *sym_cache;
static struct data_slot {
	uintptr_t addr;			/* 0: empty */
	const char *name;
	uintptr_t off;
	uint64_t size;
} *data_cache;

/*
 * The program's __cxa_demangle, looked up at start-up: a dlsym() at report
 * time could wait for the loader's lock, held by a dlopen() whose
 * constructor waits for our report lock.
 */
static char *(*cxa_demangle)(const char *, char *, size_t *, int *);

/* Demangled C++ names, valid until the caches are cleared. */
static char demangled[1 << 18];
static size_t demangled_used;

static void caches_clear(void)
{
	demangled_used = 0;
	if (sym_cache)
		memset(sym_cache, 0, sizeof(*sym_cache) * SYM_CACHE);
	if (data_cache)
		memset(data_cache, 0, sizeof(*data_cache) * SYM_CACHE);
}

static int find_self(struct dl_phdr_info *info, size_t size, void *data)
{
	uintptr_t me = (uintptr_t)data, lo = UINTPTR_MAX, hi = 0;

	(void)size;
	for (int i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		uintptr_t start = info->dlpi_addr + ph->p_vaddr;

		if (ph->p_type != PT_LOAD || !(ph->p_flags & PF_X))
			continue;
		if (start < lo)
			lo = start;
		if (start + ph->p_memsz > hi)
			hi = start + ph->p_memsz;
	}
	if (me >= lo && me < hi) {
		self_lo = lo;
		self_hi = hi;
		return 1;
	}
	return 0;
}

static void *map(size_t bytes)
{
	void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

/* Map the stack pool and warm up the unwinder.  Called from fc_init(). */
void fc_stack_init(void)
{
	void *warm[4];

	dl_iterate_phdr(find_self, (void *)(uintptr_t)fc_stack_init);
	frames = map(sizeof(*frames) * FC_MAX_FRAMES);
	sym_cache = map(sizeof(*sym_cache) * SYM_CACHE);
	data_cache = map(sizeof(*data_cache) * SYM_CACHE);
	stacks = map(sizeof(*stacks) * FC_MAX_STACKS);
	stack_hash = map(sizeof(*stack_hash) * FC_STACK_HASH);
	backtrace(warm, 4);
	*(void **)&cxa_demangle = dlsym(RTLD_DEFAULT, "__cxa_demangle");
}

/*
 * Capture the caller's stack without our own frames: at most max frames
 * into out.  Returns how many.  Takes no lock of ours.
 */
int fc_backtrace(uintptr_t *out, int max)
{
	void *buf[FC_MAX_DEPTH + 24];
	int n = backtrace(buf, max + 24 > FC_MAX_DEPTH + 24 ?
			       FC_MAX_DEPTH + 24 : max + 24), i = 0, k = 0;

	while (i < n && (uintptr_t)buf[i] >= self_lo &&
	       (uintptr_t)buf[i] < self_hi)
		i++;
	for (; i < n && k < max; i++)
		out[k++] = (uintptr_t)buf[i];
	return k;
}

/*
 * The id of the stack f[0..n-1], stored if new.  Returns 0 when the pool
 * is full (and tracking is off).  Call with graph_lock held.
 */
uint32_t fc_stack_intern(const uintptr_t *f, int n)
{
	uint64_t h = 0x51ac0000u + n, i;

	if (!frames || n <= 0)
		return 0;
	for (int k = 0; k < n; k++)
		h = fc_fmix(h ^ f[k]);
	for (i = h;; i++) {
		uint32_t id = stack_hash[i & (FC_STACK_HASH - 1)];

		if (!id)
			break;
		if (stacks[id].len == (uint32_t)n &&
		    !memcmp(&frames[stacks[id].off], f, n * sizeof(*f)))
			return id;
	}
	if (nstacks >= FC_MAX_STACKS || frames_used + n > FC_MAX_FRAMES) {
		fc_disable("FC_MAX_STACKS");
		return 0;
	}
	stacks[nstacks].off = frames_used;
	stacks[nstacks].len = n;
	memcpy(&frames[frames_used], f, n * sizeof(*f));
	frames_used += n;
	stack_hash[i & (FC_STACK_HASH - 1)] = nstacks;
	return nstacks++;
}

/* The frames of stack id (stored for good), and their number in *n. */
const uintptr_t *fc_stack_get(uint32_t id, int *n)
{
	if (!id || id >= nstacks) {
		*n = 0;
		return NULL;
	}
	*n = stacks[id].len;
	return &frames[stacks[id].off];
}

/* ---- symbols ---------------------------------------------------------- */

static char *debuginfo_path;
static const Dwfl_Callbacks dwfl_callbacks = {
	.find_elf = dwfl_linux_proc_find_elf,
	.find_debuginfo = dwfl_standard_find_debuginfo,
	.debuginfo_path = &debuginfo_path,
};

static Dwfl *get_dwfl(int refresh)
{
	if (dwfl && dwfl_owner == getpid() && !refresh)
		return dwfl;
	if (dwfl && dwfl_owner == getpid())
		dwfl_end(dwfl);
	last_dw = NULL;
	caches_clear();
	dwfl = dwfl_begin(&dwfl_callbacks);
	dwfl_owner = getpid();
	if (!dwfl)
		return NULL;
	dwfl_report_begin(dwfl);
	if (dwfl_linux_proc_report(dwfl, dwfl_owner) != 0) {
		dwfl_end(dwfl);
		dwfl = NULL;
		return NULL;
	}
	dwfl_report_end(dwfl, NULL, NULL);
	return dwfl;
}

/* After fork the child has a new pid: build its own session lazily. */
void fc_symbols_atfork_child(void)
{
	dwfl = NULL;
	last_dw = NULL;
	caches_clear();
}

static Dwfl_Module *module_of(uintptr_t addr)
{
	Dwfl *d = get_dwfl(0);
	Dwfl_Module *mod;

	if (!d)
		return NULL;
	mod = dwfl_addrmodule(d, addr);
	if (!mod) {
		static uintptr_t last_miss;

		/* a module dlopen()ed since?  Look once per address. */
		if (last_miss == addr || !(d = get_dwfl(1)))
			return NULL;
		last_miss = addr;
		mod = dwfl_addrmodule(d, addr);
	}
	return mod;
}

static int skip_module(const char *path, uintptr_t pc)
{
	const char *base = path ? strrchr(path, '/') : NULL;

	if (pc >= self_lo && pc < self_hi)
		return 1;
	base = base ? base + 1 : path;
	if (!base)
		return 0;
	return !strncmp(base, "libc.so", 7) || !strncmp(base, "ld-linux", 8) ||
	       !strncmp(base, "libc-", 5) || !strncmp(base, "ld-2", 4);
}

/*
 * libdw finds a line through .debug_aranges, which clang does not emit by
 * default: then look for the compile unit that covers pc ourselves.
 */
static void line_by_cu_scan(Dwfl_Module *mod, uintptr_t at, struct fc_sym *s)
{
	Dwarf_Addr bias;
	Dwarf *dw = dwfl_module_getdwarf(mod, &bias);
	Dwarf_Off off = 0, next;
	Dwarf_Line *line;
	Dwarf_Die die;
	size_t hsize;

	if (!dw)
		return;
	if (dw == last_dw && dwarf_offdie(dw, last_cu, &die) &&
	    dwarf_haspc(&die, at - bias) > 0)
		goto found;
	for (; dwarf_nextcu(dw, off, &next, &hsize, NULL, NULL, NULL) == 0;
	     off = next) {
		if (!dwarf_offdie(dw, off + hsize, &die) ||
		    dwarf_haspc(&die, at - bias) <= 0)
			continue;
		last_dw = dw;
		last_cu = off + hsize;
		goto found;
	}
	return;
found:
	line = dwarf_getsrc_die(&die, at - bias);
	if (!line)
		return;
	s->file = dwarf_linesrc(line, NULL, NULL);
	dwarf_lineno(line, &s->line);
}

/*
 * A C++ name in readable form, through the program's own libstdc++ (a C
 * program has none, and no mangled names either).  Returns name itself
 * when it cannot be demangled.
 */
static const char *demangle(const char *name)
{
	char *d;
	size_t n;
	int status;

	if (!name || name[0] != '_' || name[1] != 'Z' || !cxa_demangle)
		return name;
	d = cxa_demangle(name, NULL, NULL, &status);
	if (!d || status)
		return name;
	n = strlen(d) + 1;
	if (demangled_used + n > sizeof(demangled)) {
		/* full: start over, forgetting what pointed there */
		caches_clear();
	}
	if (n > sizeof(demangled)) {
		free(d);
		return name;
	}
	memcpy(demangled + demangled_used, d, n);
	free(d);
	demangled_used += n;
	return demangled + demangled_used - n;
}

/*
 * Symbolize the return address pc into s (strings owned by libdw, valid
 * until the next refresh).  Call with report_lock held.
 */
void fc_symbolize(uintptr_t pc, struct fc_sym *s)
{
	struct sym_slot *c = sym_cache ?
		&sym_cache[fc_fmix(pc) & (SYM_CACHE - 1)] : NULL;
	uintptr_t at = pc - 1;
	Dwfl_Module *mod;
	Dwfl_Line *line;

	if (c && c->pc == pc && get_dwfl(0)) {
		*s = c->sym;
		return;
	}
	mod = module_of(at);
	memset(s, 0, sizeof(*s));
	if (!mod) {
		s->skip = skip_module(NULL, pc);
		return;
	}
	s->module = dwfl_module_info(mod, NULL, NULL, NULL, NULL, NULL, NULL,
				     NULL);
	s->skip = skip_module(s->module, pc);
	s->func = demangle(dwfl_module_addrname(mod, at));
	line = dwfl_module_getsrc(mod, at);
	if (line)
		s->file = dwfl_lineinfo(line, NULL, &s->line, NULL, NULL, NULL);
	else
		line_by_cu_scan(mod, at, s);
	if (c) {
		c->pc = pc;
		c->sym = *s;
	}
}

struct seg_query {
	uintptr_t addr;
	Dwfl_Module *mod;
};

/* dwfl_getmodules() callback: does addr lie in one of mod's segments? */
static int seg_match(Dwfl_Module *mod, void **user, const char *name,
		     Dwarf_Addr start, void *arg)
{
	struct seg_query *q = arg;
	GElf_Addr bias;
	Elf *elf = dwfl_module_getelf(mod, &bias);
	size_t n;

	(void)user;
	(void)name;
	(void)start;
	if (!elf || elf_getphdrnum(elf, &n) != 0)
		return DWARF_CB_OK;
	for (size_t i = 0; i < n; i++) {
		GElf_Phdr ph;

		if (!gelf_getphdr(elf, i, &ph) || ph.p_type != PT_LOAD)
			continue;
		if (q->addr >= bias + ph.p_vaddr &&
		    q->addr < bias + ph.p_vaddr + ph.p_memsz) {
			q->mod = mod;
			return DWARF_CB_ABORT;
		}
	}
	return DWARF_CB_OK;
}

static const char *data_symbol(Dwfl *d, uintptr_t addr, GElf_Off *offp,
			       GElf_Sym *symp);

/*
 * The data symbol that contains addr (a global or static lock), with the
 * offset of addr in it and its size; NULL when addr is on a heap or a
 * stack.  Call with report_lock held.
 */
const char *fc_data_symbol(uintptr_t addr, uintptr_t *off, uint64_t *size)
{
	Dwfl *d = get_dwfl(0);
	struct data_slot *c = data_cache ?
		&data_cache[fc_fmix(addr) & (SYM_CACHE - 1)] : NULL;
	GElf_Off offset = 0;
	GElf_Sym sym;
	const char *name;

	if (!d)
		return NULL;
	if (c && c->addr == addr) {
		*off = c->off;
		*size = c->size;
		return c->name;
	}
	name = data_symbol(d, addr, &offset, &sym);
	if (c) {
		c->addr = addr;
		c->name = name;
		c->off = name ? offset : 0;
		c->size = name ? sym.st_size : 0;
	}
	if (!name)
		return NULL;
	*off = offset;
	*size = sym.st_size;
	return name;
}

static const char *data_symbol(Dwfl *d, uintptr_t addr, GElf_Off *offp,
			       GElf_Sym *symp)
{
	GElf_Off offset = 0;
	GElf_Sym sym;
	const char *name;
	Dwfl_Module *mod;

	mod = dwfl_addrmodule(d, addr);
	if (!mod) {
		/* .bss past the end of the file mapping */
		struct seg_query q = { addr, NULL };

		dwfl_getmodules(d, seg_match, &q, 0);
		mod = q.mod;
		if (!mod)
			return NULL;
	}
	name = dwfl_module_addrinfo(mod, addr, &offset, &sym, NULL, NULL,
				    NULL);
	if (!name || (GELF_ST_TYPE(sym.st_info) != STT_OBJECT &&
		      GELF_ST_TYPE(sym.st_info) != STT_TLS) ||
	    offset >= (sym.st_size ? sym.st_size : 1))
		return NULL;
	*offp = offset;
	*symp = sym;
	return name;
}
