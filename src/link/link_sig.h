/* link_sig.h - what link.c (setting up and sending signals) shares with
 * link_wait.c (waiting for them).  Not for use outside these two. */
#ifndef LINK_SIG_H
#define LINK_SIG_H

#include "os.h"

/* The oldest signal of the backlog (what came in while a send waited for
 * room) into s; 0 if there is none. */
int link_backlog_take(struct os_sig *s);

#endif
