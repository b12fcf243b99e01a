/* spool.c - a queue on disk (see spool.h). */
#define _GNU_SOURCE
#include "spool.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define PLACES 4                  /* $TMPDIR, /tmp, /var/tmp, memory */

void spool_init(struct spool *s)
{
	memset(s, 0, sizeof *s);
	s->fd = -1;
}

size_t spool_len(const struct spool *s)
{
	return (size_t)(s->wr - s->rd);
}

void spool_close(struct spool *s)
{
	if (s->fd >= 0)
		(void)close(s->fd);
	s->fd = -1;
}

/* An unlinked file in directory dir: it disappears with its descriptor
 * whatever happens to us. */
static int open_in(const char *dir)
{
	char path[4096];
	int fd;

	if (!dir || !*dir || strlen(dir) > sizeof path - 32) {
		errno = ENOENT;
		return -1;
	}
#ifdef O_TMPFILE
	if ((fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600)) >= 0)
		return fd;
#endif
	snprintf(path, sizeof path, "%s/minitalk-cmd.XXXXXX", dir);
	if ((fd = mkostemp(path, O_CLOEXEC)) >= 0)
		(void)unlink(path);
	return fd;
}

/* The first place from s->place on that gives a file, or -1 with the
 * last place's errno. */
static int open_next(struct spool *s)
{
	int fd = -1;

	for (; s->place < PLACES; s->place++) {
		switch (s->place) {
		case 0: fd = open_in(getenv("TMPDIR")); break;
		case 1: fd = open_in("/tmp"); break;
		case 2: fd = open_in("/var/tmp"); break;
#ifdef MFD_CLOEXEC
		default: fd = memfd_create("minitalk-spool", MFD_CLOEXEC); break;
#else
		default: errno = ENOSYS; break;
#endif
		}
		if (fd >= 0)
			return fd;
	}
	return -1;
}

/* The place is full: what is pending moves to the next place that opens.
 * 0, or -1 with errno (the original failure's when no place is left). */
static int move_on(struct spool *s, int err)
{
	char buf[16384];
	off_t from = s->rd, to = 0;
	ssize_t r = 0;
	int fd;

	s->place++;
	if ((fd = open_next(s)) < 0) {
		errno = err;
		return -1;
	}
	for (; from < s->wr; from += r, to += r)
		if ((r = pread(s->fd, buf, (size_t)(s->wr - from) < sizeof buf ?
		               (size_t)(s->wr - from) : sizeof buf, from)) <= 0 ||
		    pwrite(fd, buf, (size_t)r, to) != r) {
			(void)close(fd);
			return move_on(s, r < 0 ? errno : err);
		}
	(void)close(s->fd);
	s->fd = fd;
	s->rd = 0;
	s->wr = to;
	return 0;
}

int spool_put(struct spool *s, const void *p, size_t n)
{
	ssize_t r = 0;

	if (s->fd < 0 && (s->fd = open_next(s)) < 0)
		return -1;
	for (; n > 0; p = (const char *)p + r, n -= (size_t)r, s->wr += r) {
		if ((r = pwrite(s->fd, p, n, s->wr)) >= 0)
			continue;
		if ((errno != ENOSPC && errno != EDQUOT && errno != EFBIG) ||
		    move_on(s, errno) < 0)
			return -1;
		r = 0;
	}
	return 0;
}

ssize_t spool_peek(const struct spool *s, void *p, size_t n)
{
	return pread(s->fd, p, n < spool_len(s) ? n : spool_len(s), s->rd);
}

/* Once empty, truncated: the file holds what is pending, not what went by. */
void spool_skip(struct spool *s, size_t n)
{
	s->rd += (off_t)n;
	if (s->rd == s->wr) {
		s->rd = s->wr = 0;
		(void)ftruncate(s->fd, 0);
	}
}
