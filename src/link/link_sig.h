/* link_sig.h - what link.c (setting up and sending signals) shares with
 * link_wait.c (waiting for them).  Not for use outside these two. */
#ifndef LINK_SIG_H
#define LINK_SIG_H

#include <signal.h>
#include <stdint.h>

/* The signals of the link, blocked and taken by sigwaitinfo: the bits,
 * the words and the tick (SIGALRM); see link_setup. */
extern sigset_t link_bitset;
/* The LINK_WIDE bytes a signal may carry, as link.c placed them. */
void link_payload_get(const siginfo_t *si, uint8_t *p);
/* The oldest signal of the backlog into si; 0 if there is none. */
int link_backlog_take(siginfo_t *si);

#endif
