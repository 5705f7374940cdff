/*
 * der.h - strict DER decoding of ECDSA signatures
 *
 * SEQUENCE { INTEGER r, INTEGER s } exactly as X.690 DER and Bitcoin's
 * BIP-66 require: definite short-form lengths, minimal positive integers,
 * nothing after the sequence.  BER leniencies (long-form or indefinite
 * lengths, padded or negative integers, trailing bytes) are refused,
 * because each one is a second encoding of the same signature.
 */
#ifndef CD_DER_H
#define CD_DER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cd_error.h"

/* The longest strict DER secp256k1 signature: 30 44 02 21 00 r 02 21 00 s */
#define CD_DER_SIGNATURE_MAX_LEN 72

/*
 * Decode der[0..len) into r and s, each left-padded to 32 bytes big-endian.
 * Returns false with CD_ERR_DATA and a message naming the first defect.
 * Values are not range-checked against the group order (0 decodes as 0);
 * an integer longer than 32 bytes is a defect.
 */
extern bool cd_der_parse_ecdsa_signature(const uint8_t *der, size_t len,
										 uint8_t r[32], uint8_t s[32], cd_error *err);

/* Encode r and s (32 bytes each) as strict DER; returns the length (<= 72). */
extern size_t cd_der_encode_ecdsa_signature(const uint8_t r[32], const uint8_t s[32],
											uint8_t out[CD_DER_SIGNATURE_MAX_LEN]);

#endif							/* CD_DER_H */
