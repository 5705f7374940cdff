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
#include "core/message_verify.h"

/*
 * Unpack (message, signature, pubkey) and run one verifier; wrong lengths
 * become errors, everything else a boolean.
 */
static Datum
call_verifier(FunctionCallInfo fcinfo, cd_message_verifier verify)
{
	bytea	   *message = PG_GETARG_BYTEA_PP(0);
	bytea	   *sig = PG_GETARG_BYTEA_PP(1);
	bytea	   *pubkey = PG_GETARG_BYTEA_PP(2);
	bool		valid;
	cd_error	err;

	cd_error_clear(&err);
	if (!verify((const uint8 *) VARDATA_ANY(message), VARSIZE_ANY_EXHDR(message),
				(const uint8 *) VARDATA_ANY(sig), VARSIZE_ANY_EXHDR(sig),
				(const uint8 *) VARDATA_ANY(pubkey), VARSIZE_ANY_EXHDR(pubkey),
				&valid, &err))
		cd_raise(&err);
	PG_RETURN_BOOL(valid);
}

/*
 * schnorr_verify(message, signature, pubkey): the BIP-340 verdict.
 */
CD_FUNCTION_VARIANT(schnorr_verify, call_verifier, cd_schnorr_verify)

/*
 * ed25519_verify(message, signature, pubkey): the RFC 8032 verdict.
 */
CD_FUNCTION_VARIANT(ed25519_verify, call_verifier, cd_ed25519_verify)
