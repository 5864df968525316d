// SPDX-License-Identifier: MIT
/*
 * A server framework (not in the tree) calls on_request() on threads of
 * its own; nothing here creates them.  The configuration names the entry
 * point, so its unlocked update of the hit counter is checked against
 * every other call of it.
 */
#include <stdio.h>

static long hits;

/* Called by the framework, on any of its worker threads. */
void warn_on_request(const char *path)
{
	hits++;
	printf("%s: %ld\n", path, hits);
}

int main(void)
{
	warn_on_request("/");
	return 0;
}

/*
 * check-name: data-race: a thread entry point named in .fearcheck
 * check-command: fearcheck $dir
 * check-description: thread-entry = warn_on_request makes it a thread of many instances beside main; hits++ races with main's own call and with its other instances.
 * check-exit-value: 1
 *
 * check-error-start
data-race/config-entry-ko/main.c:15:2: warning: data race on 'hits': write in thread 'main' holding no lock [data-race]
data-race/config-entry-ko/main.c:21:2: note: 'main' calls 'warn_on_request' here
data-race/config-entry-ko/main.c:15:2: note: conflicting write in thread 'warn_on_request' holding no lock
data-race/config-entry-ko/main.c:15:2: warning: data race on 'hits': write in thread 'main' holding no lock [data-race]
data-race/config-entry-ko/main.c:21:2: note: 'main' calls 'warn_on_request' here
data-race/config-entry-ko/main.c:16:28: note: conflicting read in thread 'warn_on_request' holding no lock
 * check-error-end
 */
