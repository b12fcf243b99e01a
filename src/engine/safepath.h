/* safepath.h - paths resolved the way the kernel resolves them with
 * fs.protected_symlinks and fs.protected_fifos on, whether or not they
 * are: in a sticky directory that others may write in (/tmp), a link is
 * followed, and a FIFO or device written into, only when it belongs to
 * us or to the directory's owner.  Otherwise anyone could plant
 * /tmp/out.txt -> their own FIFO and read what a receiver of another user
 * (root) writes there. */
#ifndef SAFEPATH_H
#define SAFEPATH_H

#include <sys/stat.h>

/* 1 if st, found in the directory dir, belongs to another user: dir is
 * sticky and writable by others, and st is owned by neither us nor dir's
 * owner. */
int safepath_foreign(const struct stat *dir, const struct stat *st);

/* Resolve path one component at a time, letting the kernel follow no
 * link: a link is followed (its target walked in turn) only when it is
 * not foreign.  With name, the last component is not entered: returns an
 * O_PATH descriptor of its directory and copies it to name (NAME_MAX + 1
 * bytes; "." when path ends in '/'); with follow, a last component that
 * is a link is followed unless foreign (then it is left as it is).
 * Without name the whole path must be a directory: returns it, opened
 * O_PATH.  -1 with errno on failure: EACCES for a foreign link that had
 * to be followed, ELOOP past 40 links. */
int safepath_walk(const char *path, char *name, int follow);

/* What path names, found as safepath_walk finds it with follow (a link
 * of another user is what st shows, not followed); -1 with errno EACCES
 * for a FIFO or device that is foreign where it is. */
int safepath_stat(const char *path, struct stat *st);

/* Open a device or FIFO path names (ours, or reached through no foreign
 * link) for writing as it is, never renamed over (sigrecv -o /dev/null);
 * st gets what it is.  -1 with errno EACCES for a foreign one, EISDIR
 * for a directory, ENOENT for anything else (nothing there, a regular
 * file, or a link left as it is: made or replaced as files are). */
int safepath_open_inplace(const char *path, struct stat *st);

#endif
