/* safepath.c - see safepath.h. */
#define _GNU_SOURCE
#include "safepath.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "os.h"

#define MAX_LINKS 40  /* the kernel's own limit */

int safepath_foreign(const struct stat *dir, const struct stat *st)
{
	return (dir->st_mode & S_ISVTX) && (dir->st_mode & (S_IWGRP | S_IWOTH)) &&
	       st->st_uid != geteuid() && st->st_uid != dir->st_uid;
}

/* Enter a new directory: fd replaces *cur. */
static int enter(int *cur, int fd)
{
	if (fd < 0)
		return -1;
	close(*cur);
	*cur = fd;
	return 0;
}

/* The link c in cur, if we may follow it: its target, then rest, become
 * what is left to walk (in todo, 2 * PATH_MAX bytes). */
static int follow_link(int cur, const char *c, const char *rest, char *todo)
{
	char target[PATH_MAX];
	struct stat dir, lnk;
	ssize_t n;

	if (fstat(cur, &dir) < 0 || fstatat(cur, c, &lnk, AT_SYMLINK_NOFOLLOW) < 0)
		return -1;
	if (safepath_foreign(&dir, &lnk)) {
		errno = EACCES;
		return -1;
	}
	if ((n = readlinkat(cur, c, target, sizeof target - 1)) < 0)
		return -1;
	target[n] = '\0';
	if (snprintf(todo, 2 * PATH_MAX, "%s%s%s", target, *rest ? "/" : "", rest) >=
	    2 * PATH_MAX) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return 0;
}

int safepath_walk(const char *path, char *name, int follow)
{
	char todo[2 * PATH_MAX], c[NAME_MAX + 1], *p, *rest;
	int cur, links = 0, fd, err;
	struct stat st;
	size_t k;

	if (snprintf(todo, sizeof todo, "%s", path) >= (int)sizeof todo || !*path) {
		errno = *path ? ENAMETOOLONG : ENOENT;
		return -1;
	}
	if ((cur = open(*todo == '/' ? "/" : ".", OS_O_PATH | O_DIRECTORY | O_CLOEXEC)) < 0)
		return -1;
	p = todo;
	for (;;) {
		if (*p == '/' && enter(&cur, open("/", OS_O_PATH | O_DIRECTORY | O_CLOEXEC)) < 0)
			goto fail;
		p += strspn(p, "/");
		if (!*p) {  /* the path names a directory */
			if (name)
				strcpy(name, ".");
			return cur;
		}
		k = strcspn(p, "/");
		if (k > NAME_MAX) {
			errno = ENAMETOOLONG;
			goto fail;
		}
		memcpy(c, p, k);
		c[k] = '\0';
		rest = p + k + strspn(p + k, "/");
		if (name && !*rest && !p[k]) {  /* the last component */
			if (follow && fstatat(cur, c, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
			    S_ISLNK(st.st_mode)) {
				if (++links > MAX_LINKS) {
					errno = ELOOP;
					goto fail;
				}
				if (follow_link(cur, c, "", todo) == 0) {
					p = todo;
					continue;
				}
				if (errno != EACCES)
					goto fail;
				/* foreign: left as it is, a link */
			}
			strcpy(name, c);
			return cur;
		}
		fd = openat(cur, c, OS_O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (fd >= 0) {
			enter(&cur, fd);
			p = rest;
			continue;
		}
		if ((errno != ENOTDIR && errno != ELOOP) ||
		    fstatat(cur, c, &st, AT_SYMLINK_NOFOLLOW) < 0 || !S_ISLNK(st.st_mode))
			goto fail;
		if (++links > MAX_LINKS) {
			errno = ELOOP;
			goto fail;
		}
		/* todo is rewritten in place: rest must be copied first */
		{
			char tail[2 * PATH_MAX];

			snprintf(tail, sizeof tail, "%s", rest);
			if (follow_link(cur, c, tail, todo) < 0)
				goto fail;
		}
		p = todo;
	}
fail:
	err = errno;
	close(cur);
	errno = err;
	return -1;
}

int safepath_stat(const char *path, struct stat *st)
{
	char name[NAME_MAX + 1];
	struct stat dir;
	int dfd, r, err;

	if ((dfd = safepath_walk(path, name, 1)) < 0)
		return -1;
	r = fstatat(dfd, name, st, AT_SYMLINK_NOFOLLOW);
	if (r == 0 && !S_ISREG(st->st_mode) && !S_ISLNK(st->st_mode) && !S_ISDIR(st->st_mode) &&
	    (fstat(dfd, &dir) < 0 || safepath_foreign(&dir, st))) {
		errno = EACCES;  /* another user's FIFO or device */
		r = -1;
	}
	err = errno;
	close(dfd);
	errno = err;
	return r;
}

/* Checked before it is opened, and what was opened is checked again,
 * not what the name was. */
int safepath_open_inplace(const char *path, struct stat *st)
{
	char name[NAME_MAX + 1];
	struct stat dir, got;
	int dfd, fd = -1, err;

	if ((dfd = safepath_walk(path, name, 1)) < 0)
		return -1;
	if (fstatat(dfd, name, st, AT_SYMLINK_NOFOLLOW) < 0 || S_ISREG(st->st_mode) ||
	    S_ISLNK(st->st_mode)) {
		errno = ENOENT;
	} else if (S_ISDIR(st->st_mode)) {
		errno = EISDIR;
	} else if (fstat(dfd, &dir) < 0 || safepath_foreign(&dir, st)) {
		errno = EACCES;  /* not even opened: a FIFO would block, a device act */
	} else if ((fd = openat(dfd, name, O_WRONLY | O_NOFOLLOW | O_CLOEXEC)) >= 0 &&
	           (fstat(fd, &got) < 0 || fstat(dfd, &dir) < 0 || safepath_foreign(&dir, &got) ||
	            S_ISREG(got.st_mode) || S_ISDIR(got.st_mode))) {
		close(fd);
		fd = -1;
		errno = EACCES;
	}
	err = errno;
	close(dfd);
	errno = err;
	return fd;
}
