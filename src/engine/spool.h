/* spool.h - a queue of bytes in an unlinked file, so that what waits
 * costs disk, not memory: the input and output of sigrecv's -e command.
 * It lives in $TMPDIR, else /tmp, else /var/tmp, else (where there are
 * such things) in an anonymous memory file; when one place fills up, what is pending moves
 * on to the next. */
#ifndef SPOOL_H
#define SPOOL_H

#include <stddef.h>
#include <sys/types.h>

/* Bytes [rd, wr) of fd are pending. */
struct spool {
	int fd;                   /* -1 until first needed */
	int place;                /* which of the places above it is in */
	off_t rd, wr;
};

/* An empty spool, nothing opened yet. */
void spool_init(struct spool *s);
/* Queue n bytes: 0, or -1 with errno once no place takes them. */
int spool_put(struct spool *s, const void *p, size_t n);
/* Up to n pending bytes, left pending (the caller may use fewer): the
 * count, or -1 with errno. */
ssize_t spool_peek(const struct spool *s, void *p, size_t n);
/* Drop n bytes from the front. */
void spool_skip(struct spool *s, size_t n);
size_t spool_len(const struct spool *s);
void spool_close(struct spool *s);

#endif
