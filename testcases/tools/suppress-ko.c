// SPDX-License-Identifier: MIT
/*
 * fearcheck-ignore comments that do not silence their finding: no reason
 * (with or without the colon), an unknown check id, a missing bracket,
 * '*' beside other ids (each also an invalid-ignore finding), a comment
 * naming another check, and a comment that trails code on the line
 * above (only a comment alone on its line reaches the next line).  Text
 * that merely mentions fearcheck-ignore is not a comment of this kind.
 */
#include <pthread.h>
#include <stdio.h>

static int a, b, c, d, e, f, g, h;

static void *warn_worker(void *arg)
{
	a++; // fearcheck-ignore[data-race]
	b++; // fearcheck-ignore[data-race]:
	c++; // fearcheck-ignore[data-rase]: a typo
	d++; // fearcheck-ignore data-race: no brackets
	e++; // fearcheck-ignore[*, data-race]: star with others
	f++; // fearcheck-ignore[lock-order]: another check
	h = 0; // fearcheck-ignore[data-race]: trails code, so not for g
	g++;
	puts("// fearcheck-ignore is documented in docs/usage.md");
	return arg;
}

int main(void)
{
	pthread_t t[4];
	for (int i = 0; i < 4; i++)
		pthread_create(&t[i], NULL, warn_worker, NULL);
	for (int i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	return 0;
}

/*
 * check-name: malformed or misplaced suppressions silence nothing
 * check-exit-value: 1
 *
 * check-error-start
tools/suppress-ko.c:17:2: warning: data race on 'a': write in thread 'warn_worker' holding no lock [data-race]
tools/suppress-ko.c:17:2: note: conflicting write in thread 'warn_worker' (another instance) holding no lock
tools/suppress-ko.c:33:3: note: thread 'warn_worker' (many instances) created here by thread 'main'
tools/suppress-ko.c:17:7: warning: fearcheck-ignore needs a reason: write 'fearcheck-ignore[data-race]: why this is safe' [invalid-ignore]
tools/suppress-ko.c:18:2: warning: data race on 'b': write in thread 'warn_worker' holding no lock [data-race]
tools/suppress-ko.c:18:2: note: conflicting write in thread 'warn_worker' (another instance) holding no lock
tools/suppress-ko.c:33:3: note: thread 'warn_worker' (many instances) created here by thread 'main'
tools/suppress-ko.c:18:7: warning: fearcheck-ignore needs a reason: write 'fearcheck-ignore[data-race]: why this is safe' [invalid-ignore]
tools/suppress-ko.c:19:2: warning: data race on 'c': write in thread 'warn_worker' holding no lock [data-race]
tools/suppress-ko.c:19:2: note: conflicting write in thread 'warn_worker' (another instance) holding no lock
tools/suppress-ko.c:33:3: note: thread 'warn_worker' (many instances) created here by thread 'main'
tools/suppress-ko.c:19:7: warning: fearcheck-ignore names an unknown check 'data-rase' (see --list-checks) [invalid-ignore]
tools/suppress-ko.c:20:2: warning: data race on 'd': write in thread 'warn_worker' holding no lock [data-race]
tools/suppress-ko.c:20:2: note: conflicting write in thread 'warn_worker' (another instance) holding no lock
tools/suppress-ko.c:33:3: note: thread 'warn_worker' (many instances) created here by thread 'main'
tools/suppress-ko.c:20:7: warning: malformed fearcheck-ignore: expected '[check-id,...]: reason' after it [invalid-ignore]
tools/suppress-ko.c:21:2: warning: data race on 'e': write in thread 'warn_worker' holding no lock [data-race]
tools/suppress-ko.c:21:2: note: conflicting write in thread 'warn_worker' (another instance) holding no lock
tools/suppress-ko.c:33:3: note: thread 'warn_worker' (many instances) created here by thread 'main'
tools/suppress-ko.c:21:7: warning: malformed fearcheck-ignore: '*' stands alone, as '[*]' [invalid-ignore]
tools/suppress-ko.c:22:2: warning: data race on 'f': write in thread 'warn_worker' holding no lock [data-race]
tools/suppress-ko.c:22:2: note: conflicting write in thread 'warn_worker' (another instance) holding no lock
tools/suppress-ko.c:33:3: note: thread 'warn_worker' (many instances) created here by thread 'main'
tools/suppress-ko.c:24:2: warning: data race on 'g': write in thread 'warn_worker' holding no lock [data-race]
tools/suppress-ko.c:24:2: note: conflicting write in thread 'warn_worker' (another instance) holding no lock
tools/suppress-ko.c:33:3: note: thread 'warn_worker' (many instances) created here by thread 'main'
 * check-error-end
 */
