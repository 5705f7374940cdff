/*
 * eip191.c - EIP-191 version 0x45 message hashing
 */
#include <stdio.h>

#include "eip191.h"
#include "keccak.h"

#define EIP191_PREFIX "\x19" "Ethereum Signed Message:\n"

/*
 * Hash prefix, length and message incrementally so that a long message is
 * never copied.
 */
void
cd_eth_message_hash(const uint8_t *message, size_t len, uint8_t digest[32])
{
	cd_keccak256_ctx ctx;
	char		decimal[24];
	int			n = snprintf(decimal, sizeof(decimal), "%zu", len);

	cd_keccak256_init(&ctx);
	cd_keccak256_update(&ctx, (const uint8_t *) EIP191_PREFIX, sizeof(EIP191_PREFIX) - 1);
	cd_keccak256_update(&ctx, (const uint8_t *) decimal, (size_t) n);
	cd_keccak256_update(&ctx, message, len);
	cd_keccak256_final(&ctx, digest);
}
