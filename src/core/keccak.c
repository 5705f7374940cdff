/*
 * keccak.c - Keccak-256 sponge over nettle_sha3_permute
 *
 * nettle implements the permutation; the sponge (rate 136 bytes, capacity
 * 512 bits) and the original Keccak padding are here because nettle's
 * sha3_256 uses the FIPS 202 domain byte 0x06, which gives different
 * digests from Ethereum's keccak256.
 */
#include <string.h>

#include <nettle/sha3.h>

#include "keccak.h"

/* XOR one full rate-sized block into the state, lanes little-endian. */
static void
absorb_block(cd_keccak256_ctx *ctx, const uint8_t *block)
{
	size_t		lane;

	for (lane = 0; lane < CD_KECCAK256_RATE / 8; lane++)
	{
		uint64_t	v = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
		/* the lane's bytes are already in memory order: one load, not eight */
		memcpy(&v, block + lane * 8, 8);
#else
		int			b;

		for (b = 7; b >= 0; b--)
			v = (v << 8) | block[lane * 8 + b];
#endif
		ctx->state[lane] ^= v;
	}
	sha3_permute((struct sha3_state *) ctx->state);
}

/* The digest from the state's first lanes, little-endian; the context is wiped. */
static void
squeeze(cd_keccak256_ctx *ctx, uint8_t digest[CD_KECCAK256_DIGEST_SIZE])
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	memcpy(digest, ctx->state, CD_KECCAK256_DIGEST_SIZE);
#else
	for (size_t i = 0; i < CD_KECCAK256_DIGEST_SIZE; i++)
		digest[i] = (uint8_t) (ctx->state[i / 8] >> (8 * (i % 8)));
#endif
	memset(ctx, 0, sizeof(*ctx));
}

void
cd_keccak256_init(cd_keccak256_ctx *ctx)
{
	memset(ctx, 0, sizeof(*ctx));
}

void
cd_keccak256_update(cd_keccak256_ctx *ctx, const uint8_t *data, size_t len)
{
	if (ctx->block_used > 0)
	{
		size_t		take = CD_KECCAK256_RATE - ctx->block_used;

		if (take > len)
			take = len;
		memcpy(ctx->block + ctx->block_used, data, take);
		ctx->block_used += take;
		data += take;
		len -= take;
		if (ctx->block_used < CD_KECCAK256_RATE)
			return;
		absorb_block(ctx, ctx->block);
		ctx->block_used = 0;
	}
	while (len >= CD_KECCAK256_RATE)
	{
		absorb_block(ctx, data);
		data += CD_KECCAK256_RATE;
		len -= CD_KECCAK256_RATE;
	}
	if (len > 0)
	{
		memcpy(ctx->block, data, len);
		ctx->block_used = len;
	}
}

void
cd_keccak256_final(cd_keccak256_ctx *ctx, uint8_t digest[CD_KECCAK256_DIGEST_SIZE])
{
	/* pad10*1 with Keccak's domain bit: 0x01 ... 0x80 (0x81 in one byte) */
	memset(ctx->block + ctx->block_used, 0, CD_KECCAK256_RATE - ctx->block_used);
	ctx->block[ctx->block_used] ^= 0x01;
	ctx->block[CD_KECCAK256_RATE - 1] ^= 0x80;
	absorb_block(ctx, ctx->block);
	squeeze(ctx, digest);
}

void
cd_keccak256(const uint8_t *data, size_t len, uint8_t digest[CD_KECCAK256_DIGEST_SIZE])
{
	cd_keccak256_ctx ctx;

	/*
	 * One block (hashes of hashes, tree nodes): pad it in place and
	 * permute once, without the streaming context's buffering.
	 */
	if (len < CD_KECCAK256_RATE)
	{
		memset(ctx.state, 0, sizeof(ctx.state));
		memcpy(ctx.block, data, len);
		memset(ctx.block + len, 0, CD_KECCAK256_RATE - len);
		ctx.block[len] ^= 0x01;
		ctx.block[CD_KECCAK256_RATE - 1] ^= 0x80;
		absorb_block(&ctx, ctx.block);
		squeeze(&ctx, digest);
		return;
	}
	cd_keccak256_init(&ctx);
	cd_keccak256_update(&ctx, data, len);
	cd_keccak256_final(&ctx, digest);
}
