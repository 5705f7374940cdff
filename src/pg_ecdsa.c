/*
 * pg_ecdsa.c - SQL access to secp256k1 ECDSA: ecrecover and secp256k1_verify
 */
#include "postgres.h"

#include "fmgr.h"

#include "pg_creative_defi.h"
#include "pg_eth_address.h"
#include "core/ecdsa.h"
#include "core/length_check.h"

PG_FUNCTION_INFO_V1(ecrecover);
/*
 * ecrecover(digest bytea, signature bytea): the signer's address, or NULL
 * when the signature does not recover (OpenZeppelin ECDSA.tryRecover
 * semantics).  Wrong lengths are errors.
 */
Datum
ecrecover(PG_FUNCTION_ARGS)
{
	bytea	   *digest = PG_GETARG_BYTEA_PP(0);
	bytea	   *sig = PG_GETARG_BYTEA_PP(1);
	uint8		address[CD_ETH_ADDRESS_LEN];
	bool		recovered;
	cd_error	err;

	cd_error_clear(&err);
	if (!cd_require_length("digest", VARSIZE_ANY_EXHDR(digest), CD_DIGEST_LEN, &err) ||
		!cd_ecrecover((const uint8 *) VARDATA_ANY(digest),
					  (const uint8 *) VARDATA_ANY(sig), VARSIZE_ANY_EXHDR(sig),
					  address, &recovered, &err))
		cd_raise(&err);
	if (!recovered)
		PG_RETURN_NULL();
	PG_RETURN_ETH_ADDRESS_P(eth_address_from_bytes(address));
}

PG_FUNCTION_INFO_V1(secp256k1_verify);
/*
 * secp256k1_verify(digest, signature, pubkey, allow_high_s): true when the
 * 64-byte compact or DER signature of the 32-byte digest checks under the
 * 33- or 65-byte public key.
 */
Datum
secp256k1_verify(PG_FUNCTION_ARGS)
{
	bytea	   *digest = PG_GETARG_BYTEA_PP(0);
	bytea	   *sig = PG_GETARG_BYTEA_PP(1);
	bytea	   *pubkey = PG_GETARG_BYTEA_PP(2);
	bool		allow_high_s = PG_GETARG_BOOL(3);
	bool		valid;
	cd_error	err;

	cd_error_clear(&err);
	if (!cd_require_length("digest", VARSIZE_ANY_EXHDR(digest), CD_DIGEST_LEN, &err) ||
		!cd_secp256k1_verify((const uint8 *) VARDATA_ANY(digest),
							 (const uint8 *) VARDATA_ANY(sig), VARSIZE_ANY_EXHDR(sig),
							 (const uint8 *) VARDATA_ANY(pubkey), VARSIZE_ANY_EXHDR(pubkey),
							 allow_high_s, &valid, &err))
		cd_raise(&err);
	PG_RETURN_BOOL(valid);
}
