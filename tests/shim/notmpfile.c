/* notmpfile.c - LD_PRELOAD shim for tests: a file system without unnamed
 * temporary files, as some are: open(2) and openat(2) with O_TMPFILE fail
 * with EOPNOTSUPP. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <sys/types.h>

typedef int (*open_fn)(const char *, int, ...);
typedef int (*openat_fn)(int, const char *, int, ...);

/* The mode argument, there only with O_CREAT or O_TMPFILE. */
#define MODE(flags, last) \
	va_list ap; \
	mode_t mode = 0; \
	if ((flags) & (O_CREAT | O_TMPFILE)) { \
		va_start(ap, last); \
		mode = (mode_t)va_arg(ap, int); \
		va_end(ap); \
	}

static int refused(int flags)
{
	if ((flags & O_TMPFILE) != O_TMPFILE)
		return 0;
	errno = EOPNOTSUPP;
	return 1;
}

int open(const char *path, int flags, ...)
{
	MODE(flags, flags)
	return refused(flags) ? -1 : ((open_fn)dlsym(RTLD_NEXT, "open"))(path, flags, mode);
}

int open64(const char *path, int flags, ...)
{
	MODE(flags, flags)
	return refused(flags) ? -1 : ((open_fn)dlsym(RTLD_NEXT, "open64"))(path, flags, mode);
}

int openat(int dirfd, const char *path, int flags, ...)
{
	MODE(flags, flags)
	return refused(flags) ? -1 :
	       ((openat_fn)dlsym(RTLD_NEXT, "openat"))(dirfd, path, flags, mode);
}

int openat64(int dirfd, const char *path, int flags, ...)
{
	MODE(flags, flags)
	return refused(flags) ? -1 :
	       ((openat_fn)dlsym(RTLD_NEXT, "openat64"))(dirfd, path, flags, mode);
}
