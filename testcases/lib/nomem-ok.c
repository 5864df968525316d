// SPDX-License-Identifier: MIT
/*
 * FC_NOMEM, injected through the library's internal allocation hooks
 * (runtime/chan_int.h).  Failing each allocation of fc_channel and
 * fc_sync_channel in turn gives FC_NOMEM with both handles NULL and no
 * leak; a failed fc_sender_clone returns NULL and leaves the channel
 * intact; a send that needs the queue to grow returns FC_NOMEM with the
 * message still the caller's and the queue unchanged, and works again
 * once memory is back.  ASan and valgrind runs check for leaks.
 */
#include "chan-test.h"
#include "../../runtime/chan_int.h"

static int fail_after = -1;	/* allocations left before one fails */

static void *failing_malloc(size_t size)
{
	if (fail_after == 0)
		return NULL;
	if (fail_after > 0)
		fail_after--;
	return malloc(size);
}

static void *failing_realloc(void *ptr, size_t size)
{
	if (fail_after == 0)
		return NULL;
	if (fail_after > 0)
		fail_after--;
	return realloc(ptr, size);
}

static void constructors(int sync)
{
	fc_sender *tx = (fc_sender *)&tx;	/* must be overwritten */
	fc_receiver *rx = (fc_receiver *)&rx;
	int n, rc;

	for (n = 0;; n++) {
		fail_after = n;
		rc = sync ? fc_sync_channel(3, &tx, &rx) : fc_channel(&tx, &rx);
		fail_after = -1;
		if (rc == FC_OK)
			break;
		CHECK_RC(rc, FC_NOMEM);
		CHECK(tx == NULL && rx == NULL);
		CHECK(n < 100);
	}
	CHECK(n > 0);	/* the hook did see the allocations */
	fc_sender_drop(tx);
	fc_receiver_drop(rx);
}

static void clone_and_send(void)
{
	fc_sender *tx, *clone;
	fc_receiver *rx;
	uintptr_t sent = 0;
	void *m;
	int rc;

	CHECK_RC(fc_channel(&tx, &rx), FC_OK);
	fail_after = 0;
	clone = fc_sender_clone(tx);
	fail_after = -1;
	CHECK(clone == NULL);

	/* Fill the queue until a send has to grow it, and fail that. */
	fail_after = 0;
	while ((rc = fc_send(tx, MSG(sent))) == FC_OK)
		sent++;
	fail_after = -1;
	CHECK_RC(rc, FC_NOMEM);
	CHECK(sent >= 1);
	CHECK_RC(fc_send(tx, MSG(sent)), FC_OK);	/* grows now */
	sent++;
	fc_sender_drop(tx);
	for (uintptr_t i = 0; i < sent; i++) {
		CHECK_RC(fc_recv(rx, &m), FC_OK);
		CHECK(VAL(m) == i);
	}
	CHECK_RC(fc_recv(rx, &m), FC_DISCONNECTED);
	fc_receiver_drop(rx);
}

int main(void)
{
	fc__chan_malloc = failing_malloc;
	fc__chan_realloc = failing_realloc;
	constructors(0);
	constructors(1);
	clone_and_send();
	return 0;
}

/*
 * check-name: chan: FC_NOMEM on allocation failure
 * check-description: With allocations failed one by one, the constructors return FC_NOMEM and NULL handles, a clone returns NULL, and a send that must grow the queue returns FC_NOMEM keeping the message; nothing leaks.
 * check-tsan: clean
 */
