/* wire.h - the minitalk frame format, pure buffers in and out.
 *
 * A frame is   magic(1) type(1) seq(2) len(2) hcrc(2) payload(len) fcrc(4)
 * with integers big-endian and bits sent most significant first.  hcrc is
 * the low 16 bits of CRC-32 over the first 6 bytes; fcrc is CRC-32 over
 * header and payload.  After a frame the sender clocks 32 zero bits and the
 * receiver answers with a verdict word: status(8) info(8) check(16), where
 * check ties the word to the frame's fcrc.  See minitalk(7).  The fast
 * transport's keyed tags, records and probe are wire_rec.h's. */
#ifndef WIRE_H
#define WIRE_H

#include <stddef.h>
#include <stdint.h>

#define WIRE_VERSION     1
#define WIRE_MAGIC       0x4D   /* 'M'; its first bit is 0, see PROTO_FIN */
#define WIRE_HDR         8
#define WIRE_TRAILER     4
#define WIRE_MAX_PAYLOAD 4096
#define WIRE_MAX_FRAME   (WIRE_HDR + WIRE_MAX_PAYLOAD + WIRE_TRAILER)
#define WIRE_VERDICT_BITS 32
#define WIRE_SIZE_UNKNOWN UINT64_MAX
#define WIRE_MAX_NAME    255
#define WIRE_SHORT_MAGIC 0x4E   /* 'N': a whole small transfer in one frame */
#define WIRE_SHORT_MAX   255    /* bytes in a short frame's body */

enum wire_type {
	WIRE_HELLO = 1,  /* version, flags, capabilities */
	WIRE_FILE = 2,   /* size, base name: a new file starts */
	WIRE_DATA = 3,   /* a piece of the file's raw deflate stream */
	WIRE_END = 4,    /* total bytes and XXH3-64 of the whole stream */
	WIRE_ABORT = 5,  /* the sender gives up; discard everything */
	WIRE_RESULT = 6, /* a reply's END: total, XXH3-64, the command's status */
	WIRE_BYE = 7,    /* sigsend -l: no more requests in this session */
	WIRE_SHORT = 8   /* decoded from a short frame; never in a header */
};

enum wire_status {
	WIRE_ST_OK = 1,       /* accepted (also for a repeated frame) */
	WIRE_ST_HASH = 2,     /* END: the stream hash does not match */
	WIRE_ST_IO = 3,       /* the receiver failed to write the output */
	WIRE_ST_EXISTS = 4,   /* the output exists and --force was not given */
	WIRE_ST_VERSION = 5,  /* HELLO: protocol version not supported */
	WIRE_ST_SEQ = 6,      /* frame out of sequence */
	WIRE_ST_DATA = 7,     /* undecodable payload (zlib, layout) */
	WIRE_ST_CREATE = 8    /* the receiver cannot create the output */
};

struct wire_frame {
	uint8_t type;
	uint16_t seq;
	uint16_t len;
	const uint8_t *payload;  /* points into the decoded buffer */
};

#define WIRE_HELLO_COLOCATE 0x01  /* flags: join the sender on CPU cpu */
#define WIRE_CPU_NONE 0xffff

/* Capabilities: the sender's HELLO asks, the receiver's verdict on it
 * (its info byte) grants.  A peer that knows none answers 0. */
#define WIRE_CAP_FAST 0x04        /* frames as words on queued signals, keyed */
#define WIRE_CAP_FAST_V1 0x01     /* the same, unkeyed: retired, never granted */
#define WIRE_CAP_REPLY 0x02       /* a reply follows each request (sigrecv -e) */
#define WIRE_INFO_MORE 0x01       /* verdict on RESULT: another request follows */

struct wire_hello {
	uint8_t version;
	uint8_t flags;
	uint32_t caps;           /* offered capabilities; none defined in v1 */
	uint16_t cpu;            /* with WIRE_HELLO_COLOCATE */
	uint64_t total;          /* bytes in the whole stream, or WIRE_SIZE_UNKNOWN */
	uint64_t key;            /* with WIRE_CAP_FAST: the session's secret, else 0 */
};

struct wire_file {
	uint64_t size;           /* WIRE_SIZE_UNKNOWN for a stream */
	char name[WIRE_MAX_NAME + 1];
};

/* A short frame is a whole transfer of one small input, so that a short
 * message costs one frame instead of four:
 *   magic(1) len(1) body(len) fcrc(4)
 *   body: flags(1) caps(1) cpu(1) hash(8) namelen(1) name data
 * data is raw, or a raw deflate stream with WIRE_SHORT_DEFLATE.  It is
 * only ever the first frame of a direction; an older receiver refuses its
 * magic at once.  A reply (sigrecv -e) may be one too. */
#define WIRE_SHORT_DEFLATE 0x02   /* flags; WIRE_HELLO_COLOCATE as in HELLO */
#define WIRE_SHORT_FIXED 12       /* body bytes besides name and data */

struct wire_short {
	uint8_t flags, caps;
	uint8_t cpu;                 /* 0xff: none; in a reply, the command's status */
	uint64_t hash;               /* XXH3-64 of the uncompressed data */
	char name[WIRE_SHORT_MAX + 1];
	const uint8_t *data;
	size_t len;
};

struct wire_end {
	uint64_t total;
	uint64_t hash;           /* XXH3-64 of all uncompressed bytes */
};

uint32_t wire_crc32(const uint8_t *p, size_t n);

/* Encode a frame into out (at least WIRE_MAX_FRAME bytes); returns its
 * length in bytes, or 0 if len exceeds WIRE_MAX_PAYLOAD. */
size_t wire_encode(uint8_t *out, uint8_t type, uint16_t seq,
                   const uint8_t *payload, size_t len);

/* CRC-32 of a whole encoded frame, as carried in its last 4 bytes. */
uint32_t wire_frame_crc(const uint8_t *frame, size_t n);

/* Check the 8 header bytes: magic, known type, length bound, hcrc.
 * Returns the payload length, or -1 if the header is invalid. */
int wire_check_header(const uint8_t *hdr);

/* From the first have bytes of a frame: its whole length in bytes, 0 if
 * more bytes are needed to tell, -1 if it cannot be a frame. */
long wire_frame_len(const uint8_t *p, size_t have);

/* Encode a short frame into out (WIRE_SHORT_MAX + 6 bytes); returns its
 * length, or 0 if name and data do not fit. */
size_t wire_short_encode(uint8_t *out, const struct wire_short *s);
/* Parse the body of a decoded short frame (f.payload, f.len). */
int wire_short_parse(const uint8_t *p, size_t n, struct wire_short *s);

/* Decode a complete frame of n bytes; returns 0 and fills f, or -1 if the
 * magic, a length, or a CRC is wrong (f->payload points into buf).  A
 * short frame decodes as type WIRE_SHORT, sequence 0, its body as the
 * payload. */
int wire_decode(const uint8_t *buf, size_t n, struct wire_frame *f);

/* The sequence number of an encoded frame (0 for a short frame). */
uint16_t wire_frame_seq(const uint8_t *frame);

/* Verdict words. */
uint32_t wire_verdict(uint32_t fcrc, uint8_t status, uint8_t info);
/* Returns 0 and the status/info if word is a valid verdict for fcrc. */
int wire_verdict_parse(uint32_t word, uint32_t fcrc, uint8_t *status,
                       uint8_t *info);

/* Payload layouts; the *_pack functions return the payload length, the
 * *_parse functions 0 or -1 on a malformed payload. */
size_t wire_hello_pack(uint8_t *out, const struct wire_hello *h);
int wire_hello_parse(const uint8_t *p, size_t n, struct wire_hello *h);
size_t wire_file_pack(uint8_t *out, const struct wire_file *f);
int wire_file_parse(const uint8_t *p, size_t n, struct wire_file *f);
size_t wire_end_pack(uint8_t *out, const struct wire_end *e);
int wire_end_parse(const uint8_t *p, size_t n, struct wire_end *e);
/* RESULT: the END fields, then the command's status as a shell gives it. */
size_t wire_result_pack(uint8_t *out, const struct wire_end *e, uint8_t status);
int wire_result_parse(const uint8_t *p, size_t n, struct wire_end *e, uint8_t *status);

#endif
