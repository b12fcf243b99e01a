/* nospace.c - LD_PRELOAD shim for tests: every place sigrecv could spool
 * to is full: pwrite(2), which only the spools use, fails with ENOSPC. */
#define _GNU_SOURCE
#include <errno.h>
#include <sys/types.h>

ssize_t pwrite(int fd, const void *buf, size_t n, off_t off)
{
	(void)fd, (void)buf, (void)n, (void)off;
	errno = ENOSPC;
	return -1;
}

ssize_t pwrite64(int fd, const void *buf, size_t n, off_t off)
{
	return pwrite(fd, buf, n, off);
}
