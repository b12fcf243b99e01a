/* adapt.h - the default deflate level on the fast transport: level 1,
 * judged on each window of input; input that does not shrink goes
 * stored (level 0) for a while, since there deflate only costs time.
 * The judge is a pure function; adapt_before applies it to a z_stream. */
#ifndef ADAPT_H
#define ADAPT_H

#include <stdint.h>
#include <zlib.h>

#include "mt.h"

#define ADAPT_WINDOW 65536        /* input judged at a time at level 1 */
#define ADAPT_STORED (1 << 20)    /* input sent stored before trying again */

struct adapt {
	int level, want;              /* deflate's level now, and for the next input */
	uint64_t in_mark, out_mark;   /* deflate's counts at the window's start */
};

/* The level for the next window, given the input and the output of a
 * window at level: 0 (stored) where level 1 did not shrink it by 3 %,
 * 1 again after ADAPT_STORED bytes stored; -1 if the window is not over. */
int adapt_judge(int level, uint64_t in, uint64_t out);

/* Start counting from here (a new deflate stream, or a level set from
 * outside). */
void adapt_mark(struct adapt *a, z_stream *z);

/* Before the next input, with no input held by z: with judge, judge the
 * window if it is over; then move deflate to a->want.  end_block(ctx)
 * must run deflate with Z_BLOCK until it has no more output (sending
 * full frames, keeping the last partial one), so that the output
 * counted is exactly the window's and deflateParams has nothing to
 * flush.  Its error is returned. */
mt_err adapt_before(struct adapt *a, z_stream *z, int judge,
                    mt_err (*end_block)(void *ctx), void *ctx);

#endif
