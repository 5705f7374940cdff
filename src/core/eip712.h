/*
 * eip712.h - EIP-712 typed structured data hashing (eth_signTypedData_v4)
 *
 * Input is the JSON that wallets sign: an object with "types" (struct
 * definitions, with or without "EIP712Domain"), "primaryType", "domain"
 * and "message".  Numbers are read from the JSON text exactly (see json.h),
 * so uint256 values of any size keep every digit.
 *
 * Value formats, per EIP-712 type:
 *   uintN, intN      JSON number (integral; 1.0 and 1e3 accepted), decimal
 *                    string ("-12" for intN), or 0x-hex string ("-0x0c");
 *                    range-checked per N, negatives in two's complement
 *   address          "0x" + 40 hex digits; mixed case must be EIP-55 valid
 *   bool             true or false
 *   bytesN           "0x" + exactly 2N hex digits, right-padded to 32 bytes
 *   bytes            "0x" + an even number of hex digits (may be empty)
 *   string           JSON string, hashed as UTF-8
 *   struct           JSON object; a missing or null struct member hashes to
 *                    32 zero bytes, as MetaMask's signTypedData V4 does
 *   T[] / T[n]       JSON array (exactly n elements for T[n]), any depth
 *
 * When "types" has no EIP712Domain, it is inferred from the members of
 * "domain" in the order name, version, chainId, verifyingContract, salt,
 * as ethers and viem do.
 *
 * Errors name the JSON path of the offending value (message.to.wallets[1]):
 * CD_ERR_SYNTAX for malformed text (JSON, a number or hex string),
 * CD_ERR_PARAM for anything else wrong with the typed data, CD_ERR_LIMIT
 * when nesting exceeds CD_JSON_MAX_DEPTH.  All memory is released before
 * these functions return.
 */
#ifndef CD_EIP712_H
#define CD_EIP712_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cd_error.h"

#define CD_EIP712_HASH_LEN 32

/* keccak256(0x1901 || domainSeparator || hashStruct(message)) of typed data JSON. */
extern bool cd_eip712_hash(const char *json, size_t len,
						   uint8_t digest[CD_EIP712_HASH_LEN], cd_error *err);

/*
 * hashStruct(EIP712Domain, domain).  types_json (may be NULL) is either a
 * types object, whose EIP712Domain entry is used when present, or the
 * EIP712Domain field list itself (an array); without one the type is
 * inferred from the domain's members.
 */
extern bool cd_eip712_domain_separator(const char *domain_json, size_t domain_len,
									   const char *types_json, size_t types_len,
									   uint8_t out[CD_EIP712_HASH_LEN], cd_error *err);

/* hashStruct(primary_type, data) with the struct definitions in types_json. */
extern bool cd_eip712_hash_struct(const char *types_json, size_t types_len,
								  const char *primary_type, size_t primary_len,
								  const char *data_json, size_t data_len,
								  uint8_t out[CD_EIP712_HASH_LEN], cd_error *err);

/*
 * encodeType(name) as text into buf (NUL-terminated; fails with
 * CD_ERR_LIMIT when it does not fit) and its keccak256 into type_hash.
 */
extern bool cd_eip712_encode_type(const char *types_json, size_t types_len,
								  const char *name, size_t name_len,
								  char *buf, size_t bufsize,
								  uint8_t type_hash[CD_EIP712_HASH_LEN], cd_error *err);

#endif							/* CD_EIP712_H */
