/*
 * pg_ecdsa.h - recovering the Ethereum signer of a digest, shared by the
 * functions that recover or verify a signer (ecrecover, EIP-191, EIP-712),
 * and verifying a signature under a secp256k1 public key
 */
#ifndef PG_ECDSA_H
#define PG_ECDSA_H

#include "postgres.h"

#include "pg_eth_address.h"
#include "core/ecdsa.h"

/*
 * The address that signed a 32-byte digest, into address; false when the
 * signature does not recover (ecrecover's rules).  A signature of the
 * wrong length is an error.
 */
extern bool recover_signer(const uint8 digest[CD_DIGEST_LEN], const bytea *sig,
						   uint8 address[CD_ETH_ADDRESS_LEN]);

/*
 * True when the signature of the digest recovers to signer: false for any
 * other signer or a signature that does not recover.
 */
extern bool signed_by(const EthAddress *signer, const uint8 digest[CD_DIGEST_LEN], const bytea *sig);

/*
 * The verdict of secp256k1_verify on a 32-byte digest and a 64-byte
 * compact or DER signature under a 33- or 65-byte public key (the SQL
 * function and secp256k1_verify_did): a signature or key of the wrong
 * length is an error.
 */
extern bool secp256k1_signature_valid(const uint8 digest[CD_DIGEST_LEN], const bytea *sig,
									  const uint8 *pubkey, size_t pubkey_len, bool allow_high_s);

/*
 * Why ecrecover refuses a signature, as a palloc'd sentence for an error
 * DETAIL (the checks are cd_ecrecover's own); for a well-formed signature,
 * that r is not the x coordinate of a curve point.
 */
extern char *signature_defect_sentence(const uint8 *sig, size_t siglen);

/* Return what recover_signer found: the address, or NULL when nothing recovered. */
#define PG_RETURN_SIGNER(recovered, address) \
	do { \
		if (!(recovered)) \
			PG_RETURN_NULL(); \
		PG_RETURN_ETH_ADDRESS_P(eth_address_from_bytes(address)); \
	} while (0)

#endif							/* PG_ECDSA_H */
