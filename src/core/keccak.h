/*
 * keccak.h - Ethereum's Keccak-256 (original Keccak padding 0x01, not the
 * FIPS 202 SHA3-256 padding 0x06), built on nettle's public Keccak-f[1600]
 * permutation.
 */
#ifndef CD_KECCAK_H
#define CD_KECCAK_H

#include <stddef.h>
#include <stdint.h>

#define CD_KECCAK256_DIGEST_SIZE 32
#define CD_KECCAK256_RATE 136

typedef struct cd_keccak256_ctx
{
	uint64_t	state[25];
	uint8_t		block[CD_KECCAK256_RATE];
	size_t		block_used;
} cd_keccak256_ctx;

extern void cd_keccak256_init(cd_keccak256_ctx *ctx);
extern void cd_keccak256_update(cd_keccak256_ctx *ctx, const uint8_t *data, size_t len);
extern void cd_keccak256_final(cd_keccak256_ctx *ctx, uint8_t digest[CD_KECCAK256_DIGEST_SIZE]);

/* One-shot convenience. */
extern void cd_keccak256(const uint8_t *data, size_t len, uint8_t digest[CD_KECCAK256_DIGEST_SIZE]);

#endif							/* CD_KECCAK_H */
