// SPDX-License-Identifier: MIT
/*
 * Every handle dropped exactly once, whichever way the code goes: goto
 * cleanup labels that drop what was made so far, a close helper that
 * clears the holder so a second close does nothing, dropping NULL (which
 * fc_*_drop allow), one clone per worker with the original dropped by its
 * creator, and the workers' receivers dropped by their owners only.
 * Stay silent.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#include <fearcheck/chan.h>

#define NR_WORKERS 3

struct link {
	fc_sender *tx;
	fc_receiver *rx;
};

static int good_link_open(struct link *l, int bounded)
{
	int err;

	l->tx = NULL;
	l->rx = NULL;
	if (bounded)
		err = fc_sync_channel(4, &l->tx, &l->rx);
	else
		err = fc_channel(&l->tx, &l->rx);
	return err;
}

static void good_link_close(struct link *l)
{
	if (l->tx) {
		fc_sender_drop(l->tx);
		l->tx = NULL;
	}
	fc_receiver_drop(l->rx);
	l->rx = NULL;
}

static int good_roundtrip(void)
{
	fc_sender *tx, *extra;
	fc_receiver *rx;
	void *v;
	int err;

	err = fc_channel(&tx, &rx);
	if (err != FC_OK)
		return err;
	extra = fc_sender_clone(tx);
	if (!extra) {
		err = FC_NOMEM;
		goto out;
	}
	err = fc_send(extra, (void *)(intptr_t)1);
	if (err != FC_OK)
		goto out_extra;
	err = fc_recv(rx, &v);
out_extra:
	fc_sender_drop(extra);
out:
	fc_sender_drop(tx);
	fc_receiver_drop(rx);
	return err;
}

static void *worker(void *arg)
{
	fc_sender *tx = arg;

	fc_send(tx, (void *)(intptr_t)1);
	fc_sender_drop(tx);
	return NULL;
}

int main(void)
{
	struct link l;
	fc_sender *tx;
	fc_receiver *rx;
	pthread_t t[NR_WORKERS];
	int n = 0;
	void *v;

	if (good_link_open(&l, 1) != FC_OK)
		return 1;
	good_link_close(&l);
	good_link_close(&l);
	fc_sender_drop(NULL);
	if (good_roundtrip() != FC_OK)
		return 1;

	if (fc_channel(&tx, &rx) != FC_OK)
		return 1;
	for (int i = 0; i < NR_WORKERS; i++) {
		fc_sender *mine = fc_sender_clone(tx);

		if (!mine || pthread_create(&t[n], NULL, worker, mine)) {
			fc_sender_drop(mine);
			break;
		}
		n++;
	}
	fc_sender_drop(tx);
	while (fc_recv(rx, &v) == FC_OK)
		;
	for (int i = 0; i < n; i++)
		pthread_join(t[i], NULL);
	fc_receiver_drop(rx);
	return 0;
}

/*
 * check-name: chan-double-drop: each handle dropped once
 * check-description: Cleanup labels, a close that clears the holder (called twice), dropping NULL, one clone per worker thread and the original dropped by main: stay silent.
 * check-tsan: clean
 */
