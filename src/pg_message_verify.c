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
#include "core/ed25519.h"
#include "core/schnorr.h"

typedef bool (*message_verifier) (const uint8_t *message, size_t msglen,
								  const uint8_t *sig, size_t siglen,
								  const uint8_t *pubkey, size_t pubkeylen,
								  bool *valid, cd_error *err);

/*
 * Unpack (message, signature, pubkey) and run one verifier; wrong lengths
 * become errors, everything else a boolean.
 */
static Datum
call_verifier(FunctionCallInfo fcinfo, message_verifier verify)
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

PG_FUNCTION_INFO_V1(schnorr_verify);
/*
 * schnorr_verify(message, signature, pubkey): the BIP-340 verdict.
 */
Datum
schnorr_verify(PG_FUNCTION_ARGS)
{
	return call_verifier(fcinfo, cd_schnorr_verify);
}

PG_FUNCTION_INFO_V1(ed25519_verify);
/*
 * ed25519_verify(message, signature, pubkey): the RFC 8032 verdict.
 */
Datum
ed25519_verify(PG_FUNCTION_ARGS)
{
	return call_verifier(fcinfo, cd_ed25519_verify);
}
