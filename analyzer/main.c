// SPDX-License-Identifier: MIT
/*
 * main.c - fearcheck's command line: parse options, run the passes in order.
 */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return 0;
}
