/*
 * did.h - decentralized identifiers for wallets and keys:
 *
 *   did:pkh (CAIP-10 account ids), eip155 only:
 *       "did:pkh:eip155:" chain_id ":" address
 *     chain_id decimal without leading zeros (CAIP-2's eip155 reference),
 *     address "0x" + 40 hex digits (all lower, all upper or EIP-55);
 *     formatted in lower case, as the did:pkh specification's examples
 *     are, so that one account has one DID string.
 *
 *   did:key (W3C CCG did:key method, v0.7):
 *       "did:key:z" base58btc( varint(multicodec) || public key )
 *     Ed25519 public keys (multicodec 0xed, 32 bytes) and secp256k1 ones
 *     (0xe7, 33 bytes compressed); other key types are refused.
 */
#ifndef CD_DID_H
#define CD_DID_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cd_error.h"
#include "eth_address.h"

/* Longer than any DID these functions write or read */
#define CD_DID_TEXT_LEN 128
/* The longest key a did:key here holds (secp256k1, compressed) */
#define CD_DID_KEY_MAX_LEN 33

typedef enum cd_did_key_type
{
	CD_DID_KEY_ED25519,			/* multicodec ed25519-pub, 0xed */
	CD_DID_KEY_SECP256K1		/* multicodec secp256k1-pub, 0xe7 */
} cd_did_key_type;

/* The name of a key type, as did_key_parse returns it: "Ed25519", "secp256k1". */
extern const char *cd_did_key_type_name(cd_did_key_type type);

/*
 * did:key of a public key: 32 bytes for Ed25519; 33 or 65 bytes for
 * secp256k1 (checked to be on the curve, written compressed).
 * CD_ERR_PARAM for a key of the wrong length or not on the curve.
 */
extern bool cd_did_key_format(cd_did_key_type type, const uint8_t *key, size_t len,
							  char out[CD_DID_TEXT_LEN], cd_error *err);

/*
 * The key type and public key of a did:key (CD_ERR_SYNTAX when it is not
 * one of the two supported kinds, the detail says why).
 */
extern bool cd_did_key_parse(const char *text, size_t len, cd_did_key_type *type,
							 uint8_t key[CD_DID_KEY_MAX_LEN], size_t *key_len, cd_error *err);

/* did:pkh of an Ethereum account; CD_ERR_PARAM for a negative chain id. */
extern bool cd_did_pkh_format(const uint8_t address[CD_ETH_ADDRESS_LEN], int64_t chain_id,
							  char out[CD_DID_TEXT_LEN], cd_error *err);

/*
 * The account of a did:pkh: CD_ERR_SYNTAX when it is not a did:pkh,
 * CD_ERR_PARAM for a namespace other than eip155, CD_ERR_RANGE for a
 * chain id above 2^63 - 1.
 */
extern bool cd_did_pkh_parse(const char *text, size_t len, uint8_t address[CD_ETH_ADDRESS_LEN],
							 int64_t *chain_id, cd_error *err);

#endif							/* CD_DID_H */
