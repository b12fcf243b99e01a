/* wire_rec.h - the fast transport's keyed forms, pure buffers in and out:
 * tags, records and the probe (frames themselves are wire.h's). */
#ifndef WIRE_REC_H
#define WIRE_REC_H

#include <stddef.h>
#include <stdint.h>

/* The fast transport binds everything to the session's 64-bit key, drawn
 * by the sender and sent in HELLO (on bits, which only the sender can
 * send): a frame is followed by a tag, XXH3-64 of the whole frame seeded
 * with the key, and every control message is a record:
 *   magic(1) kind(1) arg(6) tag(8)
 * its tag the XXH3-64 of the first 8 bytes seeded with the key.  A process
 * that does not know the key guesses a tag with odds of 2^-64. */
#define WIRE_TAG 8
#define WIRE_REC 16
#define WIRE_REC_MAGIC 0x52   /* 'R' */

enum wire_rec_kind {
	WIRE_REC_PROBE = 1,    /* receiver: the probe came; arg: bytes per signal */
	WIRE_REC_VERDICT = 2,  /* arg: seq(16) status(8) info(8) */
	WIRE_REC_NAK = 3,      /* a frame failed its tag: data dropped until RESYNC */
	WIRE_REC_RESYNC = 4,   /* a frame starts right after this record */
	WIRE_REC_FIN = 5,      /* after the final verdict */
	WIRE_REC_TURN = 6,     /* the other side sends now; arg: the turn's number */
	WIRE_REC_PING = 7,     /* are you there (a keepalive); arg: a number */
	WIRE_REC_PONG = 8,     /* the answer to PING n; arg: n */
	WIRE_REC_ASK = 9       /* sender: the probe; arg: WIRE_PROBE */
};

/* The probe, the first data signal of the word transport: the record
 * ASK (arg WIRE_PROBE, the widest the sender sends), then the tag of those
 * 16 bytes, then the tag of those 24, then the low 4 bytes of the tag of
 * those 32; a second signal carries the record's tag half again, so that
 * where only 8 bytes of a signal arrive, the first 8 of each still make
 * the record.  Bound to the key like the rest: no other process can make
 * the receiver take fewer bytes per signal than arrive, or more. */
#define WIRE_PROBE 36
void wire_probe(uint8_t *out, uint64_t key);
/* How many bytes of the first signal arrived intact, no more than the
 * ASK's arg says the sender sends: WIRE_PROBE, 32 (the padding cleared,
 * or a sender of 32-byte words), 24 (si_uid and si_errno cleared too, or
 * a sender of 24-byte words), or 0. */
unsigned wire_probe_width(const uint8_t *p, uint64_t key);

/* The tag of n bytes under key. */
uint64_t wire_tag(const uint8_t *p, size_t n, uint64_t key);
/* Append the tag to the n-byte frame (room for WIRE_TAG more); returns
 * the new length. */
size_t wire_seal(uint8_t *frame, size_t n, uint64_t key);
/* 0 if the last WIRE_TAG of n bytes are the tag of the rest. */
int wire_sealed(const uint8_t *buf, size_t n, uint64_t key);
/* A record into out (WIRE_REC bytes); arg has 48 bits. */
void wire_record(uint8_t *out, uint8_t kind, uint64_t arg, uint64_t key);
/* 0 and its kind and arg if the WIRE_REC bytes at p are a record under
 * key; -1 otherwise. */
int wire_record_parse(const uint8_t *p, uint64_t key, uint8_t *kind, uint64_t *arg);

#endif
