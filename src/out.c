/* out.c - the receiver's output files: temp names, sync, rename. */
#define _GNU_SOURCE
#include "out.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "wire.h"

static mode_t file_mode = 0666;

void out_setup(void)
{
	mode_t m = umask(0);

	umask(m);
	file_mode = 0666 & ~m;
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
	v->errnum = errnum;
	return e;
}

/* Close the file being written; with fsync, make its data durable
 * (devices and pipes cannot be synced, and need not be). */
static int out_close(struct out *v, int sync)
{
	int r = 0;

	if (v->fd > 1) {
		if (sync && fsync(v->fd) < 0 && errno != EINVAL && errno != ENOTSUP)
			r = -1;
		if (close(v->fd) < 0)
			r = -1;
	}
	v->fd = -1;
	return r;
}

/* Throw away whatever was written under temp names. */
void out_discard(struct out *v)
{
	size_t i;

	out_close(v, 0);
	for (i = 0; i < v->n; i++) {
		if (v->files[i].tmp)
			unlink(v->files[i].tmp);
		free(v->files[i].tmp);
		free(v->files[i].final);
	}
	free(v->files);
	v->files = NULL;
	v->n = 0;
}

/* A name from the sender, made safe to create in -d DIR: its base name,
 * no leading dots, control characters replaced. */
static void sanitize(const char *in, char *out, size_t n)
{
	const char *b = strrchr(in, '/');
	size_t k = 0;

	for (b = b ? b + 1 : in; *b == '.'; b++)
		;
	for (; *b && k + 1 < n; b++)
		out[k++] = (unsigned char)*b < 0x20 || *b == 0x7f ? '_' : *b;
	out[k] = '\0';
	if (!k)
		snprintf(out, n, "%s", *in ? "file" : "stdin");
}

/* Where the next file of the stream goes: stdout, the one -o file (files
 * are concatenated), or a new file in -d DIR.  Files are written under a
 * temp name beside their final name until the whole stream checks out. */
mt_err out_begin(struct out *v, const char *sender_name)
{
	const char *o = v->output, *dir = v->dir;
	char name[WIRE_MAX_NAME + 1], *final = NULL, *tmp = NULL, *d, *b;
	struct out_file *outs;
	struct stat st;
	size_t i;

	if (!o && !dir) {
		v->fd = 1;
		return MT_OK;
	}
	if (o && v->n)
		return MT_OK;  /* -o: the next file goes on in the same one */
	if (out_close(v, 1) < 0)
		return fail(v, NULL, MT_EWRITE, errno);
	if (!(outs = realloc(v->files, (v->n + 1) * sizeof *outs)))
		return fail(v, NULL, MT_ENOMEM, 0);
	v->files = outs;
	if (dir) {
		sanitize(sender_name, name, sizeof name);
		if (asprintf(&final, "%s/%s", dir, name) < 0)
			final = NULL;
	} else {
		final = strdup(o);
	}
	d = final ? strdup(final) : NULL;
	b = final ? strdup(final) : NULL;
	if (!d || !b || asprintf(&tmp, "%s/.%s.XXXXXX", dirname(d), basename(b)) < 0)
		tmp = NULL;
	free(d);
	free(b);
	outs[v->n].final = final;
	outs[v->n].tmp = NULL;
	if (!final || !tmp) {
		free(tmp);
		v->n += final != NULL;
		return fail(v, NULL, MT_ENOMEM, 0);
	}
	v->n++;
	if (o && stat(final, &st) == 0 && !S_ISREG(st.st_mode)) {
		/* -o /dev/null, a FIFO: written as it is, never renamed over */
		free(tmp);
		if (S_ISDIR(st.st_mode))
			return fail(v, NULL, MT_ECREATE, EISDIR);
		if ((v->fd = open(final, O_WRONLY | O_CLOEXEC)) < 0)
			return fail(v, NULL, MT_ECREATE, errno);
		return MT_OK;
	}
	for (i = 0; i + 1 < v->n; i++)
		if (!strcmp(outs[i].final, final))
			break;
	if (i + 1 < v->n || (lstat(final, &st) == 0 && (!v->force ||
	    (!S_ISLNK(st.st_mode) && !S_ISREG(st.st_mode))))) {
		free(tmp);  /* refuse now, before anything is written */
		return fail(v, NULL, MT_EEXIST, 0);
	}
	if ((v->fd = mkostemp(tmp, O_CLOEXEC)) < 0) {
		free(tmp);
		return fail(v, NULL, MT_ECREATE, errno);
	}
	outs[v->n - 1].tmp = tmp;
	(void)fchmod(v->fd, file_mode);
	return MT_OK;
}

static void sync_dir_of(const char *path)
{
	char *d = strdup(path);
	int fd;

	if (d && (fd = open(dirname(d), O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
		(void)fsync(fd);
		close(fd);
	}
	free(d);
}

/* Make the verified output durable and visible under its final names. */
mt_err out_commit(struct out *v)
{
	struct out_file *f;
	size_t i;
	int r;

	if (out_close(v, 1) < 0)
		return fail(v, NULL, MT_EWRITE, errno);
	for (i = 0; i < v->n; i++) {
		f = &v->files[i];
		if (!f->tmp)
			continue;  /* written in place */
		if (v->force) {
			r = rename(f->tmp, f->final);
		} else {
			r = renameat2(AT_FDCWD, f->tmp, AT_FDCWD, f->final, RENAME_NOREPLACE);
			if (r < 0 && (errno == EINVAL || errno == ENOSYS) &&
			    (r = link(f->tmp, f->final)) == 0)
				unlink(f->tmp);
		}
		if (r < 0)
			return errno == EEXIST ?
			       fail(v, f->final, MT_EEXIST, 0) :
			       fail(v, f->final, MT_ECREATE, errno);
		free(f->tmp);
		f->tmp = NULL;
		sync_dir_of(f->final);
	}
	return MT_OK;
}

