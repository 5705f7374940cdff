/*
 * pg_ecdsa.c - SQL access to secp256k1 ECDSA: ecrecover and secp256k1_verify
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"

#include "pg_bytes.h"
#include "pg_creative_defi.h"
#include "pg_ecdsa.h"

/* see pg_ecdsa.h */
bool
recover_signer(const uint8 digest[CD_DIGEST_LEN], const bytea *sig, uint8 address[CD_ETH_ADDRESS_LEN])
{
	bool		recovered;
	cd_error	err;

	cd_error_clear(&err);
	if (!cd_ecrecover(digest, (const uint8 *) VARDATA_ANY(sig), VARSIZE_ANY_EXHDR(sig),
					  address, &recovered, &err))
		cd_raise(&err);
	return recovered;
}

/* see pg_ecdsa.h */
bool
signed_by(const EthAddress *signer, const uint8 digest[CD_DIGEST_LEN], const bytea *sig)
{
	uint8		address[CD_ETH_ADDRESS_LEN];

	return recover_signer(digest, sig, address) &&
		memcmp(address, signer->bytes, CD_ETH_ADDRESS_LEN) == 0;
}

PG_FUNCTION_INFO_V1(ecrecover);
/*
 * ecrecover(digest bytea, signature bytea): the signer's address, or NULL
 * when the signature does not recover (OpenZeppelin ECDSA.tryRecover
 * semantics).  Wrong lengths are errors.
 */
Datum
ecrecover(PG_FUNCTION_ARGS)
{
	const uint8 *digest = fixed_length_bytes(PG_GETARG_BYTEA_PP(0), "digest", CD_DIGEST_LEN);
	uint8		address[CD_ETH_ADDRESS_LEN];

	PG_RETURN_SIGNER(recover_signer(digest, PG_GETARG_BYTEA_PP(1), address), address);
}

/* see pg_ecdsa.h */
bool
secp256k1_signature_valid(const uint8 digest[CD_DIGEST_LEN], const bytea *sig,
						  const uint8 *pubkey, size_t pubkey_len, bool allow_high_s)
{
	bool		valid;
	cd_error	err;

	cd_error_clear(&err);
	if (!cd_secp256k1_verify(digest, (const uint8 *) VARDATA_ANY(sig), VARSIZE_ANY_EXHDR(sig),
							 pubkey, pubkey_len, allow_high_s, &valid, &err))
		cd_raise(&err);
	return valid;
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
	const uint8 *digest = fixed_length_bytes(PG_GETARG_BYTEA_PP(0), "digest", CD_DIGEST_LEN);
	bytea	   *pubkey = PG_GETARG_BYTEA_PP(2);

	PG_RETURN_BOOL(secp256k1_signature_valid(digest, PG_GETARG_BYTEA_PP(1),
											 (const uint8 *) VARDATA_ANY(pubkey), VARSIZE_ANY_EXHDR(pubkey),
											 PG_GETARG_BOOL(3)));
}

/* see pg_ecdsa.h */
char *
signature_defect_sentence(const uint8 *sig, size_t siglen)
{
	uint8		rs[64];
	int			recid;

	switch (cd_ecrecover_signature_defect(sig, siglen, rs, &recid))
	{
		case CD_SIG_BAD_LENGTH:
			return psprintf("The signature is %zu bytes long, not 65 (r || s || v) or 64 (EIP-2098).", siglen);
		case CD_SIG_BAD_V:
			return psprintf("The signature's v byte is %d; v must be 27 or 28 (or 0 or 1).", sig[64]);
		case CD_SIG_OUT_OF_RANGE:
			return pstrdup("The signature's r or s is zero or not below the order n of secp256k1.");
		case CD_SIG_HIGH_S:
			return pstrdup("The signature is not in canonical low-s form: s is above n/2, which EIP-2 refuses because it makes signatures malleable.");
		case CD_SIG_WELL_FORMED:
			break;
	}
	return pstrdup("No public key recovers from the signature: r is not the x coordinate of a point on secp256k1.");
}

PG_FUNCTION_INFO_V1(order_signature_defect);
/*
 * order_signature_defect(signature bytea): why ecrecover refuses a
 * signature, as a sentence for an error DETAIL (signature_defect_sentence).
 * Called only after ecrecover returned NULL, so a well-formed signature
 * means r is not the x coordinate of a curve point.
 */
Datum
order_signature_defect(PG_FUNCTION_ARGS)
{
	bytea	   *sig = PG_GETARG_BYTEA_PP(0);

	PG_RETURN_TEXT_P(cstring_to_text(signature_defect_sentence((const uint8 *) VARDATA_ANY(sig),
																VARSIZE_ANY_EXHDR(sig))));
}
