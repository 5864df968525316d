// SPDX-License-Identifier: MIT
/*
 * --graph writes the lock-order graph: here an ABBA whose two edges are
 * drawn in red, and a third lock that only ever nests inside a.
 */
#include <pthread.h>

static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t b = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t c = PTHREAD_MUTEX_INITIALIZER;
static int n;

static void *warn_ab(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&a);
	pthread_mutex_lock(&b);
	pthread_mutex_lock(&c);
	n++;
	pthread_mutex_unlock(&c);
	pthread_mutex_unlock(&b);
	pthread_mutex_unlock(&a);
	return NULL;
}

static void *warn_ba(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&b);
	pthread_mutex_lock(&a);
	n--;
	pthread_mutex_unlock(&a);
	pthread_mutex_unlock(&b);
	return NULL;
}

int main(void)
{
	pthread_t t1, t2;

	pthread_create(&t1, NULL, warn_ab, NULL);
	pthread_create(&t2, NULL, warn_ba, NULL);
	pthread_join(t1, NULL);
	pthread_join(t2, NULL);
	return n;
}

/*
 * check-name: lock-order: --graph draws the graph, cycle edges in red
 * check-command: fearcheck --graph /dev/stdout $file
 * check-error-ignore
 * check-exit-value: 1
 *
 * check-output-start
digraph lock_order {
  node [shape=box, fontname=monospace];
  edge [fontname=monospace, fontsize=10];
  subgraph cluster_0 {
    label="lock-order/graph-ko.c";
    n0_0 [label="a"];
    n0_1 [label="b"];
    n0_2 [label="c"];
    n0_0 -> n0_1 [label="lock-order/graph-ko.c:17 (warn_ab)", color=red, fontcolor=red, penwidth=2];
    n0_0 -> n0_2 [label="lock-order/graph-ko.c:18 (warn_ab)"];
    n0_1 -> n0_2 [label="lock-order/graph-ko.c:18 (warn_ab)"];
    n0_1 -> n0_0 [label="lock-order/graph-ko.c:30 (warn_ba)", color=red, fontcolor=red, penwidth=2];
  }
}
 * check-output-end
 */
