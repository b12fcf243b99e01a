/* src/engine/ - the engine: everything a transfer needs above the link.
 * It owns the sessions of both sides (send_session.c, recv_session.c),
 * the send and receive engines (send.c, recv.c) and the replies
 * (send_reply.c), the output files (out.c, safepath.c), the -e command
 * runner (cmd.c, cmd_spawn.c, spool.c, orphans.c), and finding a receiver
 * by PID, name or pid file (target.c, pidfile.c).  It may use src/link/,
 * src/proto/ and mt.h (and, once it exists, the platform seam src/os/),
 * never src/cli/.  It returns errors and never prints or exits.
 *
 * minitalk.h - the engine's face: all that sigsend and sigrecv use of it.
 *   send:    send_run (send.h), with callbacks for each file, progress,
 *            waiting in line and a stopped receiver; target_kind and
 *            target_find (target.h) find the receiver to send to;
 *   receive: recv_setup, recv_session, recv_withdraw (recv.h), with
 *            callbacks for each file, progress and the session's start
 *            and end; pidfile_text (pidfile.h) and safepath_* (safepath.h)
 *            for sigrecv's -P FILE and its checks of -o and -d;
 *   serve:   a receiver by name: names_register, names_set_busy,
 *            names_unregister, and names_list for sigsend --list
 *            (names.h, which the link owns and the engine hands on).
 * Everything else under src/engine/ is the engine's own. */
#ifndef MINITALK_H
#define MINITALK_H

#include "mt.h"
#include "send.h"
#include "recv.h"
#include "target.h"
#include "pidfile.h"
#include "safepath.h"
#include "names.h"

#endif
