/*
 * pg_message_verify.c - SQL access to the (message, signature, public key)
 * verifiers: BIP-340 Schnorr and Ed25519
 *
 * Both cores take the same arguments and create and free whatever library
 * objects they need within the call, so an error raised here never leaks.
 */
#include "postgres.h"

#include "fmgr.h"

#include "pg_creative_defi.h"
#include "pg_function_families.h"
#include "pg_message_verify.h"

/* see pg_message_verify.h */
bool
message_signature_valid(cd_message_verifier verify, const bytea *message, const bytea *sig,
						const uint8 *pubkey, size_t pubkey_len)
{
	bool		valid;
	cd_error	err;

	cd_error_clear(&err);
	if (!verify((const uint8 *) VARDATA_ANY(message), VARSIZE_ANY_EXHDR(message),
				(const uint8 *) VARDATA_ANY(sig), VARSIZE_ANY_EXHDR(sig),
				pubkey, pubkey_len, &valid, &err))
		cd_raise(&err);
	return valid;
}

/* The verdict of one verifier on the arguments (message, signature, pubkey). */
static Datum
call_verifier(FunctionCallInfo fcinfo, cd_message_verifier verify)
{
	bytea	   *pubkey = PG_GETARG_BYTEA_PP(2);

	PG_RETURN_BOOL(message_signature_valid(verify, PG_GETARG_BYTEA_PP(0), PG_GETARG_BYTEA_PP(1),
										   (const uint8 *) VARDATA_ANY(pubkey), VARSIZE_ANY_EXHDR(pubkey)));
}

/*
 * schnorr_verify(message, signature, pubkey): the BIP-340 verdict.
 */
CD_FUNCTION_VARIANT(schnorr_verify, call_verifier, cd_schnorr_verify)

/*
 * ed25519_verify(message, signature, pubkey): the RFC 8032 verdict.
 */
CD_FUNCTION_VARIANT(ed25519_verify, call_verifier, cd_ed25519_verify)
