/* adapt.c - the fast transport's default deflate level; see adapt.h. */
#include "adapt.h"

/* 97 %: level 1 costs CPU time; below that it saves more wire time than
 * it costs (the wire is ~10x slower than level 1), above it stored data
 * is as good and free. */
int adapt_judge(int level, uint64_t in, uint64_t out)
{
	if (in < (level ? ADAPT_WINDOW : ADAPT_STORED))
		return -1;
	if (!level)
		return 1;
	return out * 100 >= in * 97 ? 0 : level;
}

/* Output so far, with what deflate has made but not yet handed out. */
static uint64_t out_now(z_stream *z)
{
	unsigned pending = 0;
	int bits;

	(void)deflatePending(z, &pending, &bits);
	return z->total_out + pending;
}

void adapt_mark(struct adapt *a, z_stream *z)
{
	a->in_mark = z->total_in;
	a->out_mark = out_now(z);
}

/* The window is judged only at the end of a deflate block: deflate
 * holds up to 32 Ki symbols (~100 KiB of text at level 1) before it
 * writes a block, so without it a window is charged with the output of
 * the windows before it, and text that compresses 3:1 looked like noise
 * whenever a whole block landed in one window.  Ending a block costs a
 * block header (~100 bytes) a window. */
mt_err adapt_before(struct adapt *a, z_stream *z, int judge,
                    mt_err (*end_block)(void *ctx), void *ctx)
{
	uint64_t in = z->total_in - a->in_mark;
	mt_err e;

	if (judge && adapt_judge(a->level, in, 0) >= 0) {
		if (a->level && (e = end_block(ctx)) != MT_OK)
			return e;
		a->want = adapt_judge(a->level, in, out_now(z) - a->out_mark);
		adapt_mark(a, z);
	}
	if (a->want == a->level)
		return MT_OK;
	/* deflateParams flushes what deflate holds, into the frame; end the
	 * block here, where full frames are sent, so that it always fits. */
	if (z->total_in && (e = end_block(ctx)) != MT_OK)
		return e;
	if (deflateParams(z, a->want, Z_DEFAULT_STRATEGY) == Z_OK)
		a->level = a->want;
	adapt_mark(a, z);
	return MT_OK;
}
