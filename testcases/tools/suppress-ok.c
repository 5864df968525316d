// SPDX-License-Identifier: MIT
/*
 * Every form of fearcheck-ignore comment silences the race it names:
 * `//` and `/ * * /` on the finding's line, either alone on the line
 * above, several check ids, and `[*]`.  Run with --report-unused-ignores:
 * each comment silences something, so nothing at all is reported.
 */
#include <pthread.h>

static int a, b, c, d, e, f, g;

static void *good_worker(void *arg)
{
	a++; // fearcheck-ignore[data-race]: statistics, approximate by design
	b++; /* fearcheck-ignore[data-race]: the same, as a block comment */
	// fearcheck-ignore[data-race]: on the line above, alone
	c++;
	/* fearcheck-ignore[data-race]: a block comment alone above */
	d++;
	e++; // fearcheck-ignore[lock-order,data-race]: several checks
	f++; //fearcheck-ignore[ data-race ] :  blanks are allowed
	/*
	 * A comment about g first, then the suppression on the line above:
	 */
	// fearcheck-ignore[*]: every check
	g++;
	return arg;
}

int main(void)
{
	pthread_t t[4];
	for (int i = 0; i < 4; i++)
		pthread_create(&t[i], NULL, good_worker, NULL);
	for (int i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	return 0;
}

/*
 * check-name: every suppression form silences its finding
 * check-command: fearcheck --report-unused-ignores $file
 */
