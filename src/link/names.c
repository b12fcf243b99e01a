/* names.c - the per-user directory of receiver names; see names.h. */
#include "config.h"
#include "names.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PATHLEN (PATH_MAX + NAMES_MAX + 16)  /* DIR/.NAME.XXXXXX */

int names_valid(const char *s)
{
	size_t i, n = strlen(s), digits = 0;
	unsigned char c;

	if (n == 0 || n > NAMES_MAX || *s == '.' || *s == '-')
		return 0;
	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		if (c >= '0' && c <= '9')
			digits++;
		else if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		           c == '.' || c == '_' || c == '-'))
			return 0;
	}
	return digits < n;
}

/* The shared place: $TMPDIR/minitalk-UID (as ssh-agent honours TMPDIR),
 * else /tmp/minitalk-UID; and the private place both ends use instead
 * when another user holds that name: ${XDG_CACHE_HOME:-$HOME/.cache}/
 * minitalk-HOST-UID (the host, since a home directory may be shared by
 * machines whose PIDs mean nothing to each other).  Relative variables
 * are ignored, as the XDG spec says. */
static int shared_dir(char *buf, size_t n)
{
	const char *t = getenv("TMPDIR");
	int r = snprintf(buf, n, "%s/minitalk-%lu", t && *t == '/' ? t : "/tmp",
	                 (unsigned long)geteuid());

	return r < 0 || (size_t)r >= n ? -1 : 0;
}

static int private_dir(char *buf, size_t n, char *parent, size_t pn)
{
	const char *c = getenv("XDG_CACHE_HOME"), *h = getenv("HOME");
	struct passwd *pw;
	char host[256];
	int r;

	if (!(c && *c == '/') && !(h && *h == '/'))
		h = (pw = getpwuid(geteuid())) && pw->pw_dir && *pw->pw_dir == '/' ? pw->pw_dir : NULL;
	if (c && *c == '/')
		r = snprintf(parent, pn, "%s", c);
	else if (h)
		r = snprintf(parent, pn, "%s/.cache", h);
	else
		return -1;
	if (r < 0 || (size_t)r >= pn || gethostname(host, sizeof host) < 0)
		return -1;
	host[sizeof host - 1] = '\0';
	r = snprintf(buf, n, "%s/minitalk-%s-%lu", parent, host, (unsigned long)geteuid());
	return r < 0 || (size_t)r >= n ? -1 : 0;
}

int names_dir(char *buf, size_t n)
{
	const char *x = getenv("XDG_RUNTIME_DIR");
	char parent[PATH_MAX], priv[PATH_MAX];
	struct stat st;
	int r;

	if (x && *x == '/') {  /* the XDG spec says to ignore a relative one */
		r = snprintf(buf, n, "%s/minitalk", x);
		return r < 0 || (size_t)r >= n ? -1 : 0;
	}
	if (shared_dir(buf, n) < 0)
		return -1;
	/* Ours, or free: the shared place.  Another user's (or gone, while
	 * ours stands in the private place): the private place. */
	if (lstat(buf, &st) == 0 ? st.st_uid == geteuid() :
	    private_dir(priv, sizeof priv, parent, sizeof parent) < 0 || lstat(priv, &st) < 0)
		return 0;
	if (private_dir(priv, sizeof priv, parent, sizeof parent) < 0)
		return 0;  /* nowhere else: the shared place, refused as not ours */
	r = snprintf(buf, n, "%s", priv);
	return r < 0 || (size_t)r >= n ? -1 : 0;
}

/* Make the directory names_dir chose: the private place's parent too
 * (0700, as the XDG spec asks for a cache directory it creates). */
static int make_dir(const char *dir)
{
	char priv[PATH_MAX], parent[PATH_MAX];

	if (private_dir(priv, sizeof priv, parent, sizeof parent) == 0 && !strcmp(priv, dir) &&
	    mkdir(parent, 0700) < 0 && errno != EEXIST)
		return -1;
	if (mkdir(dir, 0700) < 0)
		return -1;
	(void)chmod(dir, 0700);  /* 0700 whatever the umask */
	return 0;
}

/* The directory, checked before use as tmux checks its socket directory:
 * a real directory (no symlink), ours, closed to everyone else; whoever
 * could write in it could point our names at any process.  Without
 * create, a missing directory is MT_ENONAME: no names yet.  The shared
 * place taken by another user between names_dir's look and our mkdir is
 * looked at once more (then the private place is chosen). */
static mt_err open_dir(char *dir, size_t n, int create, int *errnum)
{
	struct stat st;
	int tries;

	for (tries = 0; tries < 2; tries++) {
		if (names_dir(dir, n) < 0) {
			*errnum = ENAMETOOLONG;
			return MT_ECREATE;
		}
		if (create && make_dir(dir) < 0 && errno != EEXIST) {
			*errnum = errno;
			return MT_ECREATE;
		}
		if (lstat(dir, &st) < 0) {
			if (errno == ENOENT && !create)
				return MT_ENONAME;
			*errnum = errno;
			return create ? MT_ECREATE : MT_ENONAME;
		}
		if (st.st_uid != geteuid() && !tries)
			continue;
		if (!S_ISDIR(st.st_mode) || st.st_uid != geteuid() || (st.st_mode & 077))
			return MT_ENAMEDIR;
		return MT_OK;
	}
	return MT_ENAMEDIR;
}

/* Whole-file write lock, without waiting; -1 with errno EAGAIN or EACCES
 * if another process holds it. */
static int lock_file(int fd)
{
	struct flock fl;

	memset(&fl, 0, sizeof fl);
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	return fcntl(fd, F_SETLK, &fl);
}

/* 1 if a live process holds fd's lock, with its PID in our namespace (0
 * when the kernel cannot show it to us); 0 if none: the file is stale.
 * F_GETLK takes nothing, so lookups never get in a registrant's way. */
static int lock_holder(int fd, pid_t *pid)
{
	struct flock fl;

	memset(&fl, 0, sizeof fl);
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	*pid = 0;
	if (fcntl(fd, F_GETLK, &fl) < 0)
		return -1;
	if (fl.l_type == F_UNLCK)
		return 0;
	*pid = fl.l_pid;
	return 1;
}

/* fd is still the file called path (not replaced or removed since). */
static int still_named(int fd, const char *path)
{
	struct stat a, b;

	return fstat(fd, &a) == 0 && lstat(path, &b) == 0 &&
	       a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

/* Give the complete, locked file tmp the name path: link() where the name
 * is free, else rename() over a stale file.  The stale file's lock is
 * taken first and the file checked to be still in place, so of two
 * receivers racing for it only one replaces it; the other finds it
 * locked.  A file that changes under us is looked at again. */
static mt_err publish(const char *tmp, const char *path, pid_t *holder, int *errnum)
{
	int old, tries, took, err;

	for (tries = 0; tries < 8; tries++) {
		if (link(tmp, path) == 0)
			return MT_OK;
		if (errno != EEXIST)
			break;
		if ((old = open(path, O_RDWR | O_NOFOLLOW | O_CLOEXEC)) < 0) {
			if (errno == ENOENT)
				continue;  /* removed meanwhile: the name is free */
			break;
		}
		if (lock_file(old) < 0) {
			err = errno;
			if ((err == EAGAIN || err == EACCES) && lock_holder(old, holder) != 0) {
				close(old);
				return MT_ENAMETAKEN;
			}
			close(old);
			if (err == EAGAIN || err == EACCES)
				continue;  /* its holder just left */
			errno = err;
			break;
		}
		took = still_named(old, path);
		if (took && rename(tmp, path) < 0) {
			err = errno;
			close(old);
			errno = err;
			break;
		}
		close(old);  /* drops our lock on the stale file, now unlinked */
		if (took)
			return MT_OK;
	}
	*errnum = tries < 8 ? errno : EAGAIN;
	return MT_ECREATE;
}

mt_err names_register(struct names_reg *g, const char *name, pid_t *holder, int *errnum)
{
	char dir[PATH_MAX], tmp[PATHLEN];
	int fd, n;
	mt_err e;

	g->fd = -1;
	*holder = 0;
	*errnum = 0;
	if ((e = open_dir(dir, sizeof dir, 1, errnum)) != MT_OK)
		return e;
	n = snprintf(tmp, sizeof tmp, "%s/.%s.XXXXXX", dir, name);
	if (n < 0 || (size_t)n >= sizeof tmp ||
	    snprintf(g->path, sizeof g->path, "%s/%s", dir, name) >= (int)sizeof g->path) {
		*errnum = ENAMETOOLONG;
		return MT_ECREATE;
	}
	if ((fd = mkostemp(tmp, O_CLOEXEC)) < 0) {
		*errnum = errno;
		return MT_ECREATE;
	}
	if (lock_file(fd) < 0 || dprintf(fd, "%ld idle\n", (long)getpid()) < 0) {
		*errnum = errno;
		e = MT_ECREATE;
	} else {
		e = publish(tmp, g->path, holder, errnum);
	}
	(void)unlink(tmp);  /* after link(); after rename() it is gone */
	if (e != MT_OK) {
		close(fd);
		return e;
	}
	g->fd = fd;
	return MT_OK;
}

/* The line is "PID busy PEER" or "PID idle 0", PEER of a fixed width:
 * every line after the first (shorter) one has the same length, written
 * whole by one pwrite, which a concurrent read sees before or after,
 * never torn. */
void names_set_busy(struct names_reg *g, pid_t peer)
{
	char line[64];
	int n;

	if (g->fd < 0)
		return;
	n = snprintf(line, sizeof line, "%ld %s %10ld\n", (long)getpid(), peer ? "busy" : "idle",
	             (long)peer);
	if (pwrite(g->fd, line, (size_t)n, 0) != n)
		return;  /* best effort: a reader takes it as idle */
}

void names_unregister(struct names_reg *g)
{
	if (g->fd < 0)
		return;
	/* While we hold the lock nobody can replace the file, so a file
	 * still in place is ours to remove. */
	if (still_named(g->fd, g->path))
		(void)unlink(g->path);
	close(g->fd);
	g->fd = -1;
}

/* One name's file: its lock says whether it is live and who holds it,
 * its text whether busy, and with whom. */
static mt_err read_name(const char *dir, const char *name, pid_t *pid, pid_t *peer,
                        int *errnum)
{
	char path[PATHLEN], text[64], state[8] = "";
	long p = 0;
	ssize_t n;
	int fd, held, err;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) < 0) {
		if (errno != ENOENT)
			*errnum = errno;
		return MT_ENONAME;
	}
	held = lock_holder(fd, pid);
	err = errno;
	n = pread(fd, text, sizeof text - 1, 0);
	close(fd);
	if (held < 0)
		*errnum = err;
	if (held <= 0)
		return MT_ENONAME;  /* stale: its receiver is gone */
	text[n > 0 ? n : 0] = '\0';
	*peer = sscanf(text, "%*s %7s %ld", state, &p) == 2 && !strcmp(state, "busy") ? (pid_t)p : 0;
	return *pid > 0 ? MT_OK : MT_EOTHERNS;
}

mt_err names_lookup(const char *name, pid_t *pid, pid_t *peer, int *errnum)
{
	char dir[PATH_MAX];
	mt_err e;

	*errnum = 0;
	*pid = 0;
	if ((e = open_dir(dir, sizeof dir, 0, errnum)) != MT_OK)
		return e;
	return read_name(dir, name, pid, peer, errnum);
}

struct entry {
	char name[NAMES_MAX + 1];
	pid_t pid;
	pid_t peer;
};

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->name, ((const struct entry *)b)->name);
}

/* Collected first, then sorted: readdir's order means nothing to users. */
mt_err names_list(void (*each)(void *ctx, const char *name, pid_t pid, int busy),
                  void *ctx, int *errnum)
{
	char dir[PATH_MAX];
	struct entry *v = NULL, *p;
	size_t n = 0, cap = 0, i;
	struct dirent *de;
	DIR *d;
	int ignored;
	mt_err e;

	*errnum = 0;
	if ((e = open_dir(dir, sizeof dir, 0, errnum)) != MT_OK)
		return e == MT_ENONAME && !*errnum ? MT_OK : e;
	if (!(d = opendir(dir))) {
		*errnum = errno;
		return MT_EREAD;
	}
	while ((de = readdir(d))) {
		if (!names_valid(de->d_name))
			continue;  /* ".", "..", temp files */
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			if (!(p = realloc(v, cap * sizeof *v))) {
				e = MT_ENOMEM;
				break;
			}
			v = p;
		}
		memcpy(v[n].name, de->d_name, strlen(de->d_name) + 1);
		if (read_name(dir, de->d_name, &v[n].pid, &v[n].peer, &ignored) == MT_OK)
			n++;
	}
	closedir(d);
	if (e == MT_OK) {
		qsort(v, n, sizeof *v, by_name);
		for (i = 0; i < n; i++)
			each(ctx, v[i].name, v[i].pid, v[i].peer != 0);
	}
	free(v);
	return e;
}
