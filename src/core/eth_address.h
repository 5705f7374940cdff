/*
 * eth_address.h - 20-byte Ethereum addresses: parsing, EIP-55 checksums,
 * derivation from secp256k1 public keys
 */
#ifndef CD_ETH_ADDRESS_H
#define CD_ETH_ADDRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cd_error.h"

#define CD_ETH_ADDRESS_LEN 20
/* "0x" + 40 hex digits + NUL */
#define CD_ETH_ADDRESS_TEXT_LEN 43

/*
 * Parse "0x" + 40 hex digits.  All-lower and all-upper hex digits are
 * accepted as they are; mixed case must be a valid EIP-55 checksum.
 * Leading and trailing white space is not accepted.
 */
extern bool cd_eth_address_parse(const char *text, size_t len,
								 uint8_t out[CD_ETH_ADDRESS_LEN], cd_error *err);

/* Format as "0x" + EIP-55 checksummed hex, NUL-terminated. */
extern void cd_eth_address_format(const uint8_t addr[CD_ETH_ADDRESS_LEN],
								  char out[CD_ETH_ADDRESS_TEXT_LEN]);

/*
 * The address of a 64-byte uncompressed public key body (X || Y, without
 * the 0x04 prefix): the last 20 bytes of its Keccak-256.
 */
extern void cd_eth_address_from_xy(const uint8_t xy[64], uint8_t out[CD_ETH_ADDRESS_LEN]);

/*
 * The address of a 33-byte compressed or 65-byte uncompressed secp256k1
 * public key; the key is parsed (and so checked to be on the curve) by
 * libsecp256k1.
 */
extern bool cd_eth_address_from_pubkey(const uint8_t *pubkey, size_t len,
									   uint8_t out[CD_ETH_ADDRESS_LEN], cd_error *err);

#endif							/* CD_ETH_ADDRESS_H */
