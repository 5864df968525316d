// SPDX-License-Identifier: MIT
/*
 * `fearcheck run` with a bad option value says exactly what is wrong, in
 * one line, runs nothing and exits 2.
 */
int main(void)
{
	return 0;
}

/*
 * check-name: fearcheck run: a bad option value
 * check-command: fearcheck run --report=sometimes -- $file
 * check-exit-value: 2
 *
 * check-error-start
fearcheck run: --report: 'sometimes' is neither first nor all
 * check-error-end
 */
