/* proto_tx.c - the sender's side of the bit transport: one frame's bits
 * and clocks, and what the answers say; see proto.h and minitalk(7). */
#include "proto.h"

#include <string.h>

static int getbit(const uint8_t *buf, size_t i)
{
	return buf[i >> 3] >> (7 - (i & 7)) & 1;
}

void proto_tx_start(struct proto_tx *tx, const uint8_t *frame, size_t n)
{
	memset(tx, 0, sizeof *tx);
	tx->frame = frame;
	tx->nbits = n * 8;
	tx->fcrc = wire_frame_crc(frame, n);
}

int proto_tx_bit(const struct proto_tx *tx)
{
	return tx->pos < tx->nbits ? getbit(tx->frame, tx->pos) : 0;
}

enum proto_tx_action proto_tx_reply(struct proto_tx *tx, int bit)
{
	if (tx->pos < tx->nbits) {
		if (bit != getbit(tx->frame, tx->pos))
			return TX_RESYNC;
		tx->pos++;
		return TX_MORE;
	}
	tx->word = tx->word << 1 | (uint32_t)bit;
	if (++tx->nclock < WIRE_VERDICT_BITS)
		return TX_MORE;
	if (wire_verdict_parse(tx->word, tx->fcrc, &tx->status, &tx->info) < 0)
		return TX_RESYNC;
	return TX_DONE;
}

enum proto_tx_action proto_tx_where(struct proto_tx *tx, uint32_t where)
{
	size_t at = tx->pos + (size_t)tx->nclock, pos = where & PROTO_LOST;

	if (where & PROTO_BETWEEN)  /* our last clock arrived: position 0 is next */
		pos = tx->nclock == WIRE_VERDICT_BITS - 1 ? at + 1 : 0;
	if (pos == at + 1)
		return proto_tx_reply(tx, where >> PROTO_LAST_BIT & 1);  /* the answer was lost */
	if (pos == at)
		return TX_MORE;  /* the bit was lost: send it again */
	return TX_RESYNC;
}

void proto_tx_restart(struct proto_tx *tx)
{
	tx->pos = 0;
	tx->word = 0;
	tx->nclock = 0;
	tx->resyncs++;
}
