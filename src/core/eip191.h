/*
 * eip191.h - EIP-191 version 0x45 ("personal_sign") message hashing
 */
#ifndef CD_EIP191_H
#define CD_EIP191_H

#include <stddef.h>
#include <stdint.h>

/*
 * keccak256("\x19Ethereum Signed Message:\n" || decimal(len) || message):
 * the digest that personal_sign, ethers' signMessage and viem's
 * signMessage sign.  The length counts bytes, not characters.
 */
extern void cd_eth_message_hash(const uint8_t *message, size_t len, uint8_t digest[32]);

#endif							/* CD_EIP191_H */
