/* out.c - the receiver's output files: unnamed until verified, then
 * synced and linked into place; temp names only where that cannot be. */
#include "config.h"
#include "out.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "os.h"
#include "safepath.h"
#include "wire.h"

#define TMP_TRIES 100
#define TMP_MAX_PREFIX (255 - 8)  /* ".PREFIX.XXXXXX" within NAME_MAX */

void out_init(struct out *v, const char *output, const char *dir, int force)
{
	memset(v, 0, sizeof *v);
	v->output = output;
	v->dir = dir;
	v->force = force;
	v->fd = v->dirfd = -1;
}

const char *out_name(const struct out *v)
{
	return v->n ? v->files[v->n - 1].final : "stdout";
}

/* Record what a failure is about: file, or by default the one being
 * written. */
static mt_err fail(struct out *v, const char *file, mt_err e, int errnum)
{
	v->what = file ? file : out_name(v);
	v->in_dir = NULL;
	v->errnum = errnum;
	return e;
}

/* The part of a path after its last '/', or "" if it ends in one. */
static const char *base_of(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

/* Close a file; with sync, make its data durable first (devices and pipes
 * cannot be synced, and need not be). */
static int close_file(struct out_file *f, int sync)
{
	int r = 0;

	if (f->fd < 0)
		return 0;
	if (sync && fsync(f->fd) < 0 && errno != EINVAL && errno != ENOTSUP)
		r = -1;
	if (close(f->fd) < 0 && !r)
		r = -1;
	f->fd = -1;
	return r;
}

void out_discard(struct out *v)
{
	size_t i;

	for (i = 0; i < v->n; i++) {
		(void)close_file(&v->files[i], 0);
		if (v->files[i].tmp)
			(void)unlinkat(v->dirfd, v->files[i].tmp, 0);
		free(v->files[i].tmp);
		free(v->files[i].final);
	}
	free(v->files);
	v->files = NULL;
	v->n = v->nunnamed = 0;
	v->fd = -1;
	if (v->dirfd >= 0)
		(void)close(v->dirfd);
	v->dirfd = -1;
	free(v->dirpath);
	v->dirpath = NULL;
}

void out_sanitize(const char *in, char *out, size_t n)
{
	const char *b = base_of(in);
	size_t k = 0;

	for (; *b == '.'; b++)
		;
	for (; *b && k + 1 < n; b++)
		out[k++] = (unsigned char)*b < 0x20 || *b == 0x7f ? '_' : *b;
	out[k] = '\0';
	if (!k)
		snprintf(out, n, "%s", *in ? "file" : "stdin");
}

/* A fresh temp name for base in buf: ".BASE.XXXXXX", BASE cut so that the
 * whole fits the system's name limit (255 bytes). */
static void tmp_name(char *buf, size_t n, const char *base)
{
	static const char set[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
	unsigned char rnd[6];
	size_t i;

	if (os_random(rnd, sizeof rnd) < 0) {
		unsigned long x = (unsigned long)getpid() ^ (unsigned long)mt_now_ms() ^
		                  (unsigned long)clock();

		for (i = 0; i < sizeof rnd; i++, x = x * 6364136223846793005UL + 1442695040888963407UL)
			rnd[i] = (unsigned char)(x >> 56);
	}
	snprintf(buf, n, ".%.*s.XXXXXX", TMP_MAX_PREFIX, base);
	for (i = 0; i < sizeof rnd; i++)
		buf[strlen(buf) - 6 + i] = set[rnd[i] % (sizeof set - 1)];
}

/* The directory the files go in, opened once (a path only: it need not
 * be readable); kept, so that every name is made relative to it. */
static mt_err open_dir(struct out *v, const char *final)
{
	const char *b = base_of(final);

	if (v->dirfd >= 0)
		return MT_OK;
	if (v->dir)
		v->dirpath = strdup(v->dir);
	else if (b == final)
		v->dirpath = strdup(".");
	else if (b == final + 1)
		v->dirpath = strdup("/");
	else
		v->dirpath = strndup(final, (size_t)(b - final - 1));
	if (!v->dirpath)
		return fail(v, NULL, MT_ENOMEM, 0);
	if ((v->dirfd = safepath_walk(v->dirpath, NULL, 0)) < 0)
		return fail(v, NULL, MT_ECREATE, errno);
	return MT_OK;
}

/* How many unnamed files may be held open at once: each costs a
 * descriptor until the commit, and the system may allow none (os.h). */
static size_t max_unnamed(void)
{
	static long max = -1;
	struct rlimit rl;

	if (max < 0) {
		max = (long)os_unnamed_max();
		if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY &&
		    rl.rlim_cur / 4 < (rlim_t)max)
			max = (long)(rl.rlim_cur / 4);
	}
	return (size_t)max;
}

/* Make the file in the directory: unnamed where the file system allows
 * it, else under a temp name, created as any new file would be (0666 less
 * the umask).  On failure errno is the reason: where the named attempt
 * says "no such file" of a directory that is there (a pseudo file system), the unnamed
 * attempt's reason is the true one. */
static int create(struct out *v, struct out_file *f, const char *base)
{
	char tmp[256];
	int fd = -1, err = 0, i;

	if (v->nunnamed < max_unnamed()) {
		fd = os_unnamed(v->dirfd);
		if (fd >= 0) {
			f->unnamed = 1;
			v->nunnamed++;
			return fd;
		}
		if (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL)
			return -1;
		err = errno;
	}
	for (i = 0; i < TMP_TRIES && fd < 0; i++) {
		tmp_name(tmp, sizeof tmp, base);
		fd = openat(v->dirfd, tmp, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0666);
		if (fd < 0 && errno != EEXIST)
			break;
	}
	if (fd < 0) {
		if (err && errno == ENOENT)
			errno = err;
		return -1;
	}
	if (!(f->tmp = strdup(tmp))) {
		(void)unlinkat(v->dirfd, tmp, 0);
		(void)close(fd);
		errno = ENOMEM;
		return -1;
	}
	return fd;
}

/* Where the next file of the stream goes: stdout, the one -o file (files
 * are concatenated), or a new file in -d DIR.  Files stay unnamed (or
 * under a temp name) until the whole stream checks out. */
mt_err out_begin(struct out *v, const char *sender_name)
{
	char name[WIRE_MAX_NAME + 1];
	struct out_file *outs, *f;
	struct stat st;
	size_t i, k;
	mt_err e;

	if (!v->output && !v->dir) {
		v->fd = 1;
		return MT_OK;
	}
	if (v->output && v->n)
		return MT_OK;  /* -o: the next file goes on in the same one */
	/* The previous file: an unnamed one stays open until the commit. */
	if (v->n && !v->files[v->n - 1].unnamed && close_file(&v->files[v->n - 1], 1) < 0)
		return fail(v, NULL, MT_EWRITE, errno);
	v->fd = -1;
	if (!(outs = realloc(v->files, (v->n + 1) * sizeof *outs)))
		return fail(v, NULL, MT_ENOMEM, 0);
	v->files = outs;
	f = &outs[v->n];
	memset(f, 0, sizeof *f);
	f->fd = -1;
	if (v->dir) {
		out_sanitize(sender_name, name, sizeof name);
		k = strlen(v->dir);
		while (k > 1 && v->dir[k - 1] == '/')
			k--;  /* DIR/ or DIR//: one slash before NAME */
		if (asprintf(&f->final, "%.*s%s%s", (int)k, v->dir,
		             k && v->dir[k - 1] == '/' ? "" : "/", name) < 0)
			f->final = NULL;
	} else {
		f->final = strdup(v->output);
	}
	if (!f->final)
		return fail(v, NULL, MT_ENOMEM, 0);
	v->n++;
	if (v->output) {  /* -o /dev/null, a FIFO: written as it is */
		if ((f->fd = v->fd = safepath_open_inplace(f->final, &st)) >= 0)
			return MT_OK;
		if (errno != ENOENT)
			return fail(v, NULL, MT_ECREATE, errno);
	}
	if (!*base_of(f->final))
		return fail(v, NULL, MT_ECREATE, EISDIR);
	if ((e = open_dir(v, f->final)) != MT_OK)
		return e;
	for (i = 0; i + 1 < v->n; i++)
		if (!strcmp(outs[i].final, f->final))
			return fail(v, NULL, MT_EDUPNAME, 0);
	/* Refuse now, before anything is written; -f replaces only files
	 * (and symbolic links), and saying "use --force" would not help. */
	if (fstatat(v->dirfd, base_of(f->final), &st, AT_SYMLINK_NOFOLLOW) == 0) {
		if (!v->force)
			return fail(v, NULL, MT_EEXIST, 0);
		if (!S_ISLNK(st.st_mode) && !S_ISREG(st.st_mode))
			return fail(v, NULL, MT_ECREATE, S_ISDIR(st.st_mode) ? EISDIR : EEXIST);
	}
	if ((f->fd = v->fd = create(v, f, base_of(f->final))) < 0) {
		fail(v, NULL, MT_ECREATE, errno);
		v->in_dir = v->dirpath;
		return MT_ECREATE;
	}
	return MT_OK;
}

/* Give an unnamed file the name name in the directory. */
static int link_unnamed(struct out *v, int fd, const char *name)
{
	return os_unnamed_link(fd, v->dirfd, name);
}

/* Put one verified file in place.  Without -f an existing name is never
 * replaced (link and os_rename_noreplace fail on it); with -f it is, by
 * rename: an unnamed file is first linked under a temp name, a window of
 * two system calls. */
static int place(struct out *v, struct out_file *f)
{
	const char *name = base_of(f->final);
	char tmp[256];
	int r, i;

	if (f->unnamed) {
		if ((r = link_unnamed(v, f->fd, name)) == 0 || errno != EEXIST || !v->force)
			return r;
		for (i = 0; i < TMP_TRIES; i++) {
			tmp_name(tmp, sizeof tmp, name);
			if ((r = link_unnamed(v, f->fd, tmp)) == 0 || errno != EEXIST)
				break;
		}
		if (r < 0)
			return -1;
		if (!(f->tmp = strdup(tmp))) {
			(void)unlinkat(v->dirfd, tmp, 0);
			errno = ENOMEM;
			return -1;
		}
	}
	if (v->force)
		return renameat(v->dirfd, f->tmp, v->dirfd, name);
	r = os_rename_noreplace(v->dirfd, f->tmp, name);
	if (r < 0 && errno == ENOSYS &&
	    (r = linkat(v->dirfd, f->tmp, v->dirfd, name, 0)) == 0)
		(void)unlinkat(v->dirfd, f->tmp, 0);
	return r;
}

/* Sync the directory, so that the new names are durable too (it may not
 * be readable: then it cannot be opened to sync, and is not). */
static void sync_dir(const struct out *v)
{
	int fd;

	if (v->dirfd >= 0 &&
	    (fd = openat(v->dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
		(void)fsync(fd);
		(void)close(fd);
	}
}

/* Make the verified output durable and visible under its final names. */
mt_err out_commit(struct out *v)
{
	struct out_file *f;
	mt_err e = MT_OK;
	size_t i;

	v->fd = -1;
	for (i = 0; i < v->n && e == MT_OK; i++) {
		f = &v->files[i];
		if (!f->unnamed && !f->tmp) {
			if (close_file(f, 1) < 0)  /* written in place */
				e = fail(v, f->final, MT_EWRITE, errno);
			continue;
		}
		if (f->fd >= 0 && fsync(f->fd) < 0) {
			e = fail(v, f->final, MT_EWRITE, errno);
			break;
		}
		if (place(v, f) < 0) {
			e = errno == EEXIST ? fail(v, f->final, MT_EEXIST, 0) :
			    fail(v, f->final, MT_ECREATE, errno);
			break;
		}
		(void)close_file(f, 0);
		free(f->tmp);
		f->tmp = NULL;
		f->unnamed = 0;
	}
	sync_dir(v);
	return e;
}
