/*
 * ecdsa.h - secp256k1 ECDSA: Ethereum-style public key recovery
 * (ecrecover) and plain verification, on libsecp256k1
 *
 * Every input is checked here before libsecp256k1 sees it, so that its
 * illegal-argument callback never fires (it would be turned into a
 * CD_ERR_LIBRARY error if it did).
 */
#ifndef CD_ECDSA_H
#define CD_ECDSA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cd_error.h"
#include "eth_address.h"

#define CD_DIGEST_LEN 32
#define CD_SCALAR_LEN 32

/* The group order n of secp256k1 and n/2, big-endian. */
extern const uint8_t cd_secp256k1_order[CD_SCALAR_LEN];
extern const uint8_t cd_secp256k1_half_order[CD_SCALAR_LEN];

/* True when the big-endian scalar is in [1, n-1]. */
extern bool cd_secp256k1_scalar_in_range(const uint8_t scalar[CD_SCALAR_LEN]);

/* True when the big-endian scalar is above n/2 (a "high-S" value). */
extern bool cd_secp256k1_scalar_is_high(const uint8_t scalar[CD_SCALAR_LEN]);

/*
 * What is wrong with a recoverable signature before any curve arithmetic,
 * in the order cd_ecrecover checks it.  CD_SIG_WELL_FORMED also fills rs
 * (r || s, the EIP-2098 parity bit cleared) and *recid.
 */
typedef enum cd_sig_defect
{
	CD_SIG_WELL_FORMED,
	CD_SIG_BAD_LENGTH,			/* neither 65 nor 64 bytes */
	CD_SIG_BAD_V,				/* v outside {0, 1, 27, 28} */
	CD_SIG_OUT_OF_RANGE,		/* r or s zero or >= n */
	CD_SIG_HIGH_S				/* s > n/2 (EIP-2) */
} cd_sig_defect;

extern cd_sig_defect cd_ecrecover_signature_defect(const uint8_t *sig, size_t siglen,
													 uint8_t rs[64], int *recid);

/*
 * Recover the address that signed digest, like OpenZeppelin's
 * ECDSA.tryRecover.  sig is 65 bytes r || s || v with v in {0, 1, 27, 28},
 * or 64 bytes r || yParityAndS (EIP-2098).  Returns false and fills err
 * only when siglen is neither (CD_ERR_PARAM) or on an internal library
 * failure; otherwise returns true with *recovered telling whether
 * out_address holds the signer.  *recovered is false for r or s zero or
 * >= n, s > n/2, v outside {0, 1, 27, 28}, and an r that is not the x
 * coordinate of a curve point.
 */
extern bool cd_ecrecover(const uint8_t digest[CD_DIGEST_LEN], const uint8_t *sig, size_t siglen,
						 uint8_t out_address[CD_ETH_ADDRESS_LEN], bool *recovered, cd_error *err);

/*
 * Verify an ECDSA signature of a 32-byte digest under a 33-byte compressed
 * or 65-byte uncompressed public key.  sig is 64 bytes r || s, or any other
 * length read as strict DER (see der.h).  Returns false and fills err
 * (CD_ERR_PARAM) only for a public key of the wrong length or prefix;
 * otherwise returns true with *valid the verdict.  A malformed DER
 * encoding, r or s out of [1, n-1], a public key that is not on the curve
 * and, unless allow_high_s, s > n/2 all give *valid = false.  With
 * allow_high_s, s is replaced by n - s first, since libsecp256k1 only
 * accepts the low form.
 */
extern bool cd_secp256k1_verify(const uint8_t digest[CD_DIGEST_LEN], const uint8_t *sig, size_t siglen,
								const uint8_t *pubkey, size_t pubkeylen, bool allow_high_s,
								bool *valid, cd_error *err);

#endif							/* CD_ECDSA_H */
