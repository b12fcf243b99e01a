/* unit_recv - the receiving engine (recv.c) fed whole frames, no signals:
 * valid frames whose whole-stream hash is wrong are refused with
 * WIRE_ST_HASH (exit 65), and nothing reaches the output's final name;
 * the same for a reply's RESULT and for a short frame.  Each refusal has
 * a control that differs only in the hash and is accepted, so a test that
 * passes proves the check, not a broken set-up.  Also: HELLO first and of
 * our version, no bytes after a file's deflate stream, and -d names made
 * safe whatever a sender puts in FILE.  tests/mutants.txt names the
 * checks these pin. */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>
#include <zlib.h>

#include "recv_int.h"
#include "unit.h"
#include "wire.h"

static const char text[] = "the whole stream is hashed, and the hash is checked\n";
#define TEXT_LEN (sizeof text - 1)

static char dir[4096], dest[4200];

/* One frame through recv_frame; its verdict status. */
static uint8_t feed(struct receiver *v, uint8_t type, uint16_t seq, const uint8_t *p,
                    size_t n, int *final)
{
	uint8_t buf[WIRE_MAX_FRAME], info;
	struct wire_frame f;
	size_t len = wire_encode(buf, type, seq, p, n);

	if (!len || wire_decode(buf, len, &f) < 0) {
		CHECK(!"frame encodes and decodes");
		return 0;
	}
	return recv_frame(v, &f, final, &info);
}

static uint8_t feed_short(struct receiver *v, uint64_t hash, int *final)
{
	struct wire_short s = { 0, 0, 0xff, hash, "short.txt", (const uint8_t *)text, TEXT_LEN };
	uint8_t buf[WIRE_SHORT_MAX + 6], info;
	struct wire_frame f;
	size_t len = wire_short_encode(buf, &s);

	if (!len || wire_decode(buf, len, &f) < 0 || f.type != WIRE_SHORT) {
		CHECK(!"short frame encodes and decodes");
		return 0;
	}
	return recv_frame(v, &f, final, &info);
}

/* text as one raw deflate stream, as sigsend sends a file. */
static size_t deflated(uint8_t *out, size_t cap)
{
	z_stream z;
	size_t n;

	memset(&z, 0, sizeof z);
	if (deflateInit2(&z, 6, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		return 0;
	z.next_in = (Bytef *)(uintptr_t)text;
	z.avail_in = TEXT_LEN;
	z.next_out = out;
	z.avail_out = (uInt)cap;
	n = deflate(&z, Z_FINISH) == Z_STREAM_END ? cap - z.avail_out : 0;
	deflateEnd(&z);
	return n;
}

/* How many entries dir holds besides . and .. (temp files included). */
static int entries(void)
{
	struct dirent *de;
	DIR *d = opendir(dir);
	int n = 0;

	if (!d)
		return -1;
	while ((de = readdir(d)))
		n += strcmp(de->d_name, ".") && strcmp(de->d_name, "..");
	closedir(d);
	return n;
}

static int dest_holds_text(void)
{
	char buf[256];
	ssize_t n;
	int fd = open(dest, O_RDONLY);

	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof buf);
	close(fd);
	return n == (ssize_t)TEXT_LEN && !memcmp(buf, text, TEXT_LEN);
}

/* HELLO, then FILE and DATA for each name (each file holds text), then
 * END claiming total and hash, as sigsend sends them to a receiver with
 * options o; returns END's status.  *left: entries in dir once the
 * receiver is freed. */
static uint8_t request_to(const struct recv_opts *o, const char *const *names, int nfiles,
                          uint64_t total, uint64_t hash, int *left)
{
	struct wire_hello h = { WIRE_VERSION, 0, 0, WIRE_CPU_NONE, TEXT_LEN * (uint64_t)nfiles };
	struct wire_file wf = { TEXT_LEN, "" };
	struct wire_end e = { total, hash };
	struct recv_result r;
	struct receiver *v = recv_new(o, &r);
	uint8_t p[WIRE_MAX_PAYLOAD], st;
	uint16_t seq = 0;
	int final, i;
	size_t n;

	unlink(dest);  /* a broken check's commit must not fail the next case */
	if (!v) {
		CHECK(!"recv_new");
		return 0;
	}
	CHECK_EQ(feed(v, WIRE_HELLO, seq++, p, wire_hello_pack(p, &h), &final), WIRE_ST_OK);
	CHECK_EQ(final, 0);
	for (i = 0; i < nfiles; i++) {
		snprintf(wf.name, sizeof wf.name, "%s", names[i]);
		CHECK_EQ(feed(v, WIRE_FILE, seq++, p, wire_file_pack(p, &wf), &final), WIRE_ST_OK);
		n = deflated(p, sizeof p);
		CHECK(n > 0);
		CHECK_EQ(feed(v, WIRE_DATA, seq++, p, n, &final), WIRE_ST_OK);
	}
	CHECK_EQ(r.bytes_out, TEXT_LEN * (uint64_t)nfiles);
	st = feed(v, WIRE_END, seq, p, wire_end_pack(p, &e), &final);
	CHECK_EQ(final, 1);
	if (st == WIRE_ST_HASH) {
		CHECK_EQ(v->err, MT_EHASH);
		CHECK_EQ(mt_exit_code(v->err), 65);
	}
	recv_free(v);
	*left = entries();
	return st;
}

/* One file, "in.txt", to -o dest. */
static uint8_t request(uint64_t total, uint64_t hash, int *left)
{
	struct recv_opts o = { .output = dest, .timeout_ms = 1000 };
	const char *name = "in.txt";

	return request_to(&o, &name, 1, total, hash, left);
}

/* END with a wrong hash (or a wrong total): refused, nothing committed,
 * the temp file gone; with the right ones, committed. */
static void test_end_hash(void)
{
	uint64_t good = XXH3_64bits(text, TEXT_LEN);
	int left;

	CHECK_EQ(request(TEXT_LEN, good ^ 1, &left), WIRE_ST_HASH);
	CHECK_EQ(left, 0);
	CHECK(access(dest, F_OK) < 0);
	CHECK_EQ(request(TEXT_LEN + 1, good, &left), WIRE_ST_HASH);
	CHECK_EQ(left, 0);
	CHECK_EQ(request(TEXT_LEN, good, &left), WIRE_ST_OK);  /* the control */
	CHECK_EQ(left, 1);
	CHECK(dest_holds_text());
	unlink(dest);
}

/* A short frame, the whole transfer in one: its hash is checked too. */
static void test_short_hash(void)
{
	struct recv_opts o = { .output = dest, .timeout_ms = 1000 };
	uint64_t good = XXH3_64bits(text, TEXT_LEN);
	struct recv_result r;
	struct receiver *v;
	int final, i;

	for (i = 0; i < 2; i++) {
		unlink(dest);
		if (!(v = recv_new(&o, &r))) {
			CHECK(!"recv_new");
			return;
		}
		CHECK_EQ(feed_short(v, i ? good : good ^ 0x8000000000000000ULL, &final),
		         i ? WIRE_ST_OK : WIRE_ST_HASH);
		CHECK_EQ(final, 1);
		CHECK_EQ(v->err, i ? MT_OK : MT_EHASH);
		recv_free(v);
		CHECK_EQ(entries(), i);
		CHECK(i ? dest_holds_text() : access(dest, F_OK) < 0);
	}
	unlink(dest);
}

/* A reply (sigsend's side, recv_reply): FILE, DATA, RESULT, or one
 * short frame; a wrong hash is refused and the command's status is not
 * taken.  The reply is written to stdout as it comes: here /dev/null. */
static void test_reply_hash(void)
{
	struct recv_opts o = { .timeout_ms = 1000 };
	struct wire_file wf = { WIRE_SIZE_UNKNOWN, "" };
	uint64_t good = XXH3_64bits(text, TEXT_LEN);
	struct wire_end e = { TEXT_LEN, 0 };
	uint8_t p[WIRE_MAX_PAYLOAD];
	struct recv_result r;
	struct receiver *v;
	int final, i, out = dup(1), null = open("/dev/null", O_WRONLY);
	size_t n;

	if (out < 0 || null < 0 || dup2(null, 1) < 0) {
		CHECK(!"stdout to /dev/null");
		return;
	}
	for (i = 0; i < 4; i++) {
		if (!(v = recv_new(&o, &r))) {
			CHECK(!"recv_new");
			break;
		}
		v->replying = 1;  /* as recv_reply sets it up */
		v->nframes = 1;
		if (i < 2) {
			CHECK_EQ(feed(v, WIRE_FILE, 0, p, wire_file_pack(p, &wf), &final), WIRE_ST_OK);
			n = deflated(p, sizeof p);
			CHECK_EQ(feed(v, WIRE_DATA, 1, p, n, &final), WIRE_ST_OK);
			e.hash = i ? good : good ^ 2;
			CHECK_EQ(feed(v, WIRE_RESULT, 2, p, wire_result_pack(p, &e, 3), &final),
			         i ? WIRE_ST_OK : WIRE_ST_HASH);
		} else {
			CHECK_EQ(feed_short(v, i == 3 ? good : good ^ 2, &final),
			         i == 3 ? WIRE_ST_OK : WIRE_ST_HASH);
		}
		CHECK_EQ(final, 1);
		CHECK_EQ(v->err, i % 2 ? MT_OK : MT_EHASH);
		CHECK_EQ(r.status, i == 1 ? 3 : i == 3 ? 0xff : -1);
		recv_free(v);
	}
	dup2(out, 1);
	close(out);
	close(null);
}

/* HELLO first and only first; a HELLO of another version is refused. */
static void test_order_and_version(void)
{
	struct recv_opts o = { .output = dest, .timeout_ms = 1000 };
	struct wire_hello h = { WIRE_VERSION, 0, 0, WIRE_CPU_NONE, TEXT_LEN };
	struct wire_file wf = { TEXT_LEN, "in.txt" };
	uint8_t p[WIRE_MAX_PAYLOAD];
	struct recv_result r;
	struct receiver *v;
	int final;

	if ((v = recv_new(&o, &r))) {  /* FILE before HELLO */
		CHECK_EQ(feed(v, WIRE_FILE, 0, p, wire_file_pack(p, &wf), &final), WIRE_ST_SEQ);
		CHECK_EQ(final, 1);
		recv_free(v);
	}
	if ((v = recv_new(&o, &r))) {  /* HELLO twice */
		CHECK_EQ(feed(v, WIRE_HELLO, 0, p, wire_hello_pack(p, &h), &final), WIRE_ST_OK);
		CHECK_EQ(feed(v, WIRE_HELLO, 1, p, wire_hello_pack(p, &h), &final), WIRE_ST_SEQ);
		CHECK_EQ(final, 1);
		recv_free(v);
	}
	h.version = WIRE_VERSION + 1;
	if ((v = recv_new(&o, &r))) {
		CHECK_EQ(feed(v, WIRE_HELLO, 0, p, wire_hello_pack(p, &h), &final),
		         WIRE_ST_VERSION);
		CHECK_EQ(v->err, MT_EVERSION);
		recv_free(v);
	}
	CHECK_EQ(entries(), 0);
}

/* Bytes after the end of a file's deflate stream are refused, not
 * silently dropped. */
static void test_trailing_bytes(void)
{
	struct recv_opts o = { .output = dest, .timeout_ms = 1000 };
	struct wire_hello h = { WIRE_VERSION, 0, 0, WIRE_CPU_NONE, TEXT_LEN };
	struct wire_file wf = { TEXT_LEN, "in.txt" };
	uint8_t p[WIRE_MAX_PAYLOAD];
	struct recv_result r;
	struct receiver *v = recv_new(&o, &r);
	int final;
	size_t n;

	if (!v) {
		CHECK(!"recv_new");
		return;
	}
	CHECK_EQ(feed(v, WIRE_HELLO, 0, p, wire_hello_pack(p, &h), &final), WIRE_ST_OK);
	CHECK_EQ(feed(v, WIRE_FILE, 1, p, wire_file_pack(p, &wf), &final), WIRE_ST_OK);
	n = deflated(p, sizeof p);
	memcpy(p + n, "junk", 4);
	CHECK_EQ(feed(v, WIRE_DATA, 2, p, n + 4, &final), WIRE_ST_DATA);
	CHECK_EQ(v->err, MT_EZLIB);
	recv_free(v);
	CHECK_EQ(entries(), 0);
}

/* -d: a sender's name is cut to its base name, its leading dots dropped
 * and control characters replaced, whatever the sender (not only
 * sigsend, which sends base names) puts in FILE: nothing is created
 * outside the directory. */
static void test_dir_names(void)
{
	struct recv_opts o = { .dir = dir, .timeout_ms = 1000 };
	char esc[64], path[4300], up[4300];
	const char *names[] = { esc, "a/b/..hid\001den" };
	XXH3_state_t *x = XXH3_createState();
	uint64_t hash;
	int left;

	if (!x || XXH3_64bits_reset(x) != XXH_OK) {
		CHECK(!"XXH3 state");
		return;
	}
	XXH3_64bits_update(x, text, TEXT_LEN);
	XXH3_64bits_update(x, text, TEXT_LEN);
	hash = XXH3_64bits_digest(x);
	XXH3_freeState(x);
	/* a name of our own, should it land outside */
	snprintf(esc, sizeof esc, "../../unit_recv_escape.%ld", (long)getpid());
	CHECK_EQ(request_to(&o, names, 2, 2 * TEXT_LEN, hash, &left), WIRE_ST_OK);
	CHECK_EQ(left, 2);
	snprintf(path, sizeof path, "%s/%s", dir, esc + 6);
	CHECK(access(path, F_OK) == 0);
	unlink(path);
	snprintf(path, sizeof path, "%s/hid_den", dir);
	CHECK(access(path, F_OK) == 0);
	unlink(path);
	snprintf(up, sizeof up, "%s/../%s", dir, esc + 6);  /* where it must not be */
	CHECK(access(up, F_OK) < 0);
	unlink(up);
	snprintf(up, sizeof up, "%s/%s", dir, esc);
	CHECK(access(up, F_OK) < 0);
	unlink(up);
	CHECK_EQ(entries(), 0);
}

/* BYE ends a session only between requests: after HELLO, or after a
 * reply (nothing of a request under way).  Within a request (FILE and
 * DATA taken, no END) it is a protocol error (76), nothing is committed,
 * and the session's outcome is not "verified". */
static void test_bye_mid_request(void)
{
	struct recv_opts o = { .output = dest, .timeout_ms = 1000 };
	struct wire_hello h = { WIRE_VERSION, 0, 0, WIRE_CPU_NONE, TEXT_LEN };
	struct wire_file wf = { TEXT_LEN, "in.txt" };
	uint8_t p[WIRE_MAX_PAYLOAD];
	struct recv_result r;
	struct receiver *v;
	int final, i;
	size_t n;

	for (i = 0; i < 3; i++) {  /* 0: BYE after DATA; 1: after FILE; 2: control */
		unlink(dest);
		if (!(v = recv_new(&o, &r))) {
			CHECK(!"recv_new");
			return;
		}
		CHECK_EQ(feed(v, WIRE_HELLO, 0, p, wire_hello_pack(p, &h), &final), WIRE_ST_OK);
		if (i < 2)
			CHECK_EQ(feed(v, WIRE_FILE, 1, p, wire_file_pack(p, &wf), &final),
			         WIRE_ST_OK);
		if (i == 0) {
			n = deflated(p, sizeof p);
			CHECK_EQ(feed(v, WIRE_DATA, 2, p, n, &final), WIRE_ST_OK);
		}
		CHECK_EQ(feed(v, WIRE_BYE, (uint16_t)(3 - i), p, 0, &final),
		         (i < 2 ? WIRE_ST_SEQ : WIRE_ST_OK));
		CHECK_EQ(final, 1);
		CHECK_EQ(v->err, (i < 2 ? MT_EPROTO : MT_OK));
		CHECK_EQ(mt_exit_code(v->err), (i < 2 ? 76 : 0));
		recv_free(v);
		CHECK_EQ(entries(), 0);
	}
}

int main(void)
{
	int r;
	const char *tmp = getenv("TMPDIR");

	snprintf(dir, sizeof dir, "%s/unit_recv.XXXXXX", tmp && *tmp == '/' ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 99;
	}
	snprintf(dest, sizeof dest, "%s/dest", dir);
	test_end_hash();
	test_short_hash();
	test_reply_hash();
	test_order_and_version();
	test_trailing_bytes();
	test_dir_names();
	test_bye_mid_request();
	r = tests_result("unit_recv");
	unlink(dest);
	if (rmdir(dir) < 0) {
		perror(dir);
		r = 1;
	}
	return r;
}
