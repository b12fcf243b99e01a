/* unit_adapt - the fast transport's default level (adapt.h): the judge
 * on its own, then the sender's loop (64 KiB reads, deflate into 4 KiB
 * frames, adapt_before between reads) on text and on random bytes.  Text
 * must cost no more than 1.25 x level 1's bytes (it once went stored for
 * a MiB whenever a deflate block landed in one window), random data must
 * end stored, and every stream must inflate back to its input. */
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "adapt.h"
#include "unit.h"

#define READ 65536      /* the sender's CHUNK */
#define FRAME 4096      /* WIRE_MAX_PAYLOAD */
#define MIB (1024 * 1024)

struct sim {
	z_stream z;
	struct adapt a;
	uint8_t frame[FRAME];
	uint8_t *wire;           /* every byte sent, to inflate back */
	size_t sent, cap;
	uint64_t stored;         /* input read while at level 0 */
	int verdict;             /* the level after the last window at level 1 */
};

static uint64_t rng = 88172645463325252ULL;

static uint64_t next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static void send_frame(struct sim *m, size_t n)
{
	if (m->sent + n > m->cap) {
		m->cap = (m->sent + n) * 2;
		if (!(m->wire = realloc(m->wire, m->cap)))
			exit(99);
	}
	memcpy(m->wire + m->sent, m->frame, n);
	m->sent += n;
	m->z.next_out = m->frame;
	m->z.avail_out = FRAME;
}

/* send.c's pump: full frames go, and with Z_FINISH the last one. */
static mt_err pump(struct sim *m, int flush)
{
	int zr, full, end;

	for (;;) {
		zr = deflate(&m->z, flush);
		if (zr == Z_STREAM_ERROR)
			return MT_EINTERNAL;
		full = m->z.avail_out == 0;
		end = flush == Z_FINISH ? zr == Z_STREAM_END : flush != Z_NO_FLUSH && !full;
		if (full || (end && flush == Z_FINISH))
			send_frame(m, FRAME - m->z.avail_out);
		if (end || (!full && flush == Z_NO_FLUSH && m->z.avail_in == 0))
			return MT_OK;
	}
}

static mt_err end_block(void *ctx)
{
	return pump(ctx, Z_BLOCK);
}

/* Send in through the sender's loop; level 0 adapts, as the default on
 * the fast transport, otherwise it is kept.  Returns the bytes sent. */
static size_t run(struct sim *m, const uint8_t *in, size_t len, int level)
{
	size_t off, n;

	memset(m, 0, sizeof *m);
	m->verdict = -1;
	m->a.level = m->a.want = 9;  /* send_init's, then the fast transport's */
	if (deflateInit2(&m->z, 9, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY) != Z_OK)
		exit(99);
	m->a.want = level ? level : 1;
	adapt_mark(&m->a, &m->z);
	m->z.next_out = m->frame;
	m->z.avail_out = FRAME;
	for (off = 0; off < len; off += n) {
		n = len - off < READ ? len - off : READ;
		int was = m->a.level, due = adapt_judge(was, m->z.total_in - m->a.in_mark, 0) >= 0;

		CHECK(adapt_before(&m->a, &m->z, !level, end_block, m) == MT_OK);
		if (was == 1 && due)
			m->verdict = m->a.level;
		if (!m->a.level)
			m->stored += n;
		m->z.next_in = (Bytef *)(uintptr_t)(in + off);
		m->z.avail_in = (uInt)n;
		CHECK(pump(m, Z_NO_FLUSH) == MT_OK);
	}
	CHECK(pump(m, Z_FINISH) == MT_OK);
	deflateEnd(&m->z);
	return m->sent;
}

/* The receiver's side: the stream inflates back to the input. */
static void check_inflates(const struct sim *m, const uint8_t *in, size_t len)
{
	uint8_t *out = malloc(len + 1);
	z_stream z;

	memset(&z, 0, sizeof z);
	if (!out || inflateInit2(&z, -15) != Z_OK)
		exit(99);
	z.next_in = m->wire;
	z.avail_in = (uInt)m->sent;
	z.next_out = out;
	z.avail_out = (uInt)len + 1;
	CHECK(inflate(&z, Z_FINISH) == Z_STREAM_END);
	CHECK_EQ(z.total_out, len);
	CHECK(memcmp(out, in, len) == 0);
	inflateEnd(&z);
	free(out);
}

#define VOCAB 1000
#define PHRASES 64

/* Text as manual pages are: words of a large vocabulary, the common ones
 * far more often, and whole phrases said again and again.  Deterministic;
 * it compresses ~3:1 at level 1 in deflate blocks of up to ~65 KiB,
 * which made the judge of old (that charged a window with the blocks
 * deflate wrote while reading it) send a third of it stored. */
static uint8_t *make_text(size_t len)
{
	static const char *const syl[] = {
		"ka", "to", "ri", "men", "sa", "lo", "ver", "di", "ne", "pra", "sto", "ul",
		"em", "ba", "co", "tri", "fi", "gu", "ha", "ja", "xe", "qu", "zo", "pe",
		"ly", "or", "an", "is",
	};
	static char vocab[VOCAB][16];
	struct { size_t at, len; } phrase[PHRASES];
	size_t nsyl = sizeof syl / sizeof *syl, at = 0, col = 0, np = 0, i, j, k;
	uint8_t *t = malloc(len + 1024);
	uint64_t r;

	if (!t)
		exit(99);
	for (i = 0; i < VOCAB; i++)
		for (r = next_rand(), j = 0; j <= r % 4; j++)
			strcat(vocab[i], syl[(r >> (8 + 5 * j)) % nsyl]);
	while (at < len) {
		size_t start = at;

		r = next_rand();
		if (np && r % 3 == 0) {  /* a phrase said before */
			k = (r >> 8) % (np < PHRASES ? np : PHRASES);
			memmove(t + at, t + phrase[k].at, phrase[k].len);
			at += phrase[k].len;
		} else {  /* 3 to 8 new words, the product of two draws */
			for (j = 3 + (r >> 4) % 6; j > 0; j--) {
				uint64_t w = next_rand();
				const char *v = vocab[(w >> 8) % VOCAB * ((w >> 32) % VOCAB) / VOCAB];

				k = strlen(v);
				memcpy(t + at, v, k);
				t[at + k] = ' ';
				at += k + 1;
			}
			if (r % 5 == 0) {
				phrase[np % PHRASES].at = start;
				phrase[np % PHRASES].len = at - start;
				np++;
			}
		}
		if ((col += at - start) > 60) {
			t[at++] = '\n';
			col = 0;
		}
	}
	return t;
}

static uint8_t *make_random(size_t len)
{
	uint8_t *t = malloc(len + 8);
	size_t i;

	if (!t)
		exit(99);
	for (i = 0; i < len; i += 8) {
		uint64_t r = next_rand();
		memcpy(t + i, &r, 8);
	}
	return t;
}

static void test_judge(void)
{
	CHECK_EQ(adapt_judge(1, ADAPT_WINDOW - 1, 0), -1);        /* not over */
	CHECK_EQ(adapt_judge(1, ADAPT_WINDOW, ADAPT_WINDOW), 0);  /* did not shrink */
	CHECK_EQ(adapt_judge(1, ADAPT_WINDOW, ADAPT_WINDOW + 40), 0);
	CHECK_EQ(adapt_judge(1, 100000, 97000), 0);               /* 97 %: stored */
	CHECK_EQ(adapt_judge(1, 100000, 96999), 1);
	CHECK_EQ(adapt_judge(1, ADAPT_WINDOW, ADAPT_WINDOW / 2), 1);  /* text */
	CHECK_EQ(adapt_judge(1, 4 * ADAPT_WINDOW, 0), 1);
	CHECK_EQ(adapt_judge(0, ADAPT_STORED - 1, 0), -1);        /* stored a while */
	CHECK_EQ(adapt_judge(0, ADAPT_STORED, ADAPT_STORED), 1);  /* then try again */
	CHECK_EQ(adapt_judge(0, ADAPT_STORED, 0), 1);
}

/* Text: within 1.25 x level 1, never stored. */
static void test_text(const char *what, const uint8_t *t, size_t len)
{
	struct sim m;
	size_t one = run(&m, t, len, 1), dflt;

	check_inflates(&m, t, len);
	free(m.wire);
	dflt = run(&m, t, len, 0);
	check_inflates(&m, t, len);
	printf("%s: %zu bytes, level 1 %zu (%.1f %%), default %zu (%.3f x level 1), "
	       "%llu stored\n", what, len, one, 100.0 * one / len, dflt, (double)dflt / one,
	       (unsigned long long)m.stored);
	CHECK(dflt * 100 <= one * 125);
	CHECK_EQ(m.stored, 0);
	CHECK_EQ(m.a.level, 1);
	free(m.wire);
}

static void test_random(void)
{
	size_t len = 16 * MIB, sent;
	uint8_t *r = make_random(len);
	struct sim m;

	sent = run(&m, r, len, 0);
	check_inflates(&m, r, len);
	printf("random: %zu bytes, default %zu, %llu stored\n", len, sent,
	       (unsigned long long)m.stored);
	CHECK_EQ(m.verdict, 0);                     /* ends stored */
	CHECK(m.stored * 100 >= (uint64_t)len * 90);  /* level 1 only to look again */
	CHECK(sent <= len + len / 100);
	free(m.wire);
	free(r);
}

/* Text, noise, text: stored for the noise, then level 1 again. */
static void test_mixed(void)
{
	size_t part = 4 * MIB, len = 3 * part, sent;
	uint8_t *mix = malloc(len), *t = make_text(2 * part), *r = make_random(part);
	struct sim m;

	if (!mix)
		exit(99);
	memcpy(mix, t, part);
	memcpy(mix + part, r, part);
	memcpy(mix + 2 * part, t + part, part);
	sent = run(&m, mix, len, 0);
	check_inflates(&m, mix, len);
	printf("mixed: %zu bytes, default %zu, %llu stored\n", len, sent,
	       (unsigned long long)m.stored);
	CHECK(m.stored >= part - ADAPT_STORED && m.stored <= part + ADAPT_STORED);
	CHECK_EQ(m.a.level, 1);
	CHECK(sent < part + part);
	free(m.wire);
	free(mix);
	free(t);
	free(r);
}

/* This tree's own sources and pages, where the test can find them. */
static void test_tree(void)
{
	static const char *const files[] = {
		"README.md", "man/minitalk.7", "man/sigsend.1", "man/sigrecv.1",
		"src/engine/send.c", "src/engine/recv.c", "src/link/link.c", "src/proto/wire.c", "src/cli/cli.c",
	};
	const char *top = getenv("top_srcdir");
	size_t len = 0, i;
	uint8_t *t = malloc(8 * MIB);
	char path[4096];
	FILE *f;

	if (!t)
		exit(99);
	for (i = 0; i < sizeof files / sizeof *files; i++) {
		snprintf(path, sizeof path, "%s/%s", top ? top : ".", files[i]);
		if (!(f = fopen(path, "rb")))
			continue;
		len += fread(t + len, 1, 8 * MIB - len, f);
		fclose(f);
	}
	if (len >= ADAPT_WINDOW)
		test_text("sources", t, len);
	else
		printf("sources: not found, skipped\n");
	free(t);
}

int main(void)
{
	size_t len = 16 * MIB;
	uint8_t *t = make_text(len);

	test_judge();
	test_text("text", t, len);
	free(t);
	test_tree();
	test_random();
	test_mixed();
	return tests_result("unit_adapt");
}
