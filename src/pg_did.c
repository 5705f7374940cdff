/*
 * pg_did.c - SQL access to decentralized identifiers: did:pkh for
 * Ethereum accounts, did:key for Ed25519 and secp256k1 public keys, and
 * the signature checks that take a did:key instead of a raw key
 *
 * DIDs are ASCII, so they are the same text in any server encoding.
 */
#include "postgres.h"

#include "fmgr.h"
/* funcapi.h pulls in executor headers with unused parameters (-Wextra) */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include "access/htup_details.h"
#include "funcapi.h"
#pragma GCC diagnostic pop
#include "utils/builtins.h"

#include "pg_bytes.h"
#include "pg_creative_defi.h"
#include "pg_ecdsa.h"
#include "pg_eth_address.h"
#include "pg_message_verify.h"
#include "core/did.h"

/* A two-column result (the OUT parameters of the *_parse functions). */
static Datum
pair_result(FunctionCallInfo fcinfo, Datum first, Datum second)
{
	TupleDesc	tupdesc;
	Datum		values[2] = {first, second};
	bool		nulls[2] = {false, false};

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	tupdesc = BlessTupleDesc(tupdesc);
	return HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls));
}

PG_FUNCTION_INFO_V1(did_pkh);
/*
 * did_pkh(address eth_address, chain_id bigint): "did:pkh:eip155:<chain>:<address>".
 */
Datum
did_pkh(PG_FUNCTION_ARGS)
{
	char		out[CD_DID_TEXT_LEN];
	cd_error	err;

	cd_error_clear(&err);
	if (!cd_did_pkh_format(PG_GETARG_ETH_ADDRESS_P(0)->bytes, PG_GETARG_INT64(1), out, &err))
		cd_raise(&err);
	PG_RETURN_TEXT_P(cstring_to_text(out));
}

PG_FUNCTION_INFO_V1(did_pkh_parse);
/*
 * did_pkh_parse(did text, OUT address eth_address, OUT chain_id bigint).
 */
Datum
did_pkh_parse(PG_FUNCTION_ARGS)
{
	size_t		len;
	const char *did = (const char *) text_utf8(PG_GETARG_TEXT_PP(0), &len);
	uint8		address[CD_ETH_ADDRESS_LEN];
	int64_t		chain_id;
	cd_error	err;

	cd_error_clear(&err);
	if (!cd_did_pkh_parse(did, len, address, &chain_id, &err))
		cd_raise(&err);
	PG_RETURN_DATUM(pair_result(fcinfo, EthAddressPGetDatum(eth_address_from_bytes(address)),
								Int64GetDatum(chain_id)));
}

/* The did:key of the bytea argument 0 as a key of type. */
static Datum
format_did_key(FunctionCallInfo fcinfo, cd_did_key_type type)
{
	bytea	   *key = PG_GETARG_BYTEA_PP(0);
	char		out[CD_DID_TEXT_LEN];
	cd_error	err;

	cd_error_clear(&err);
	if (!cd_did_key_format(type, (const uint8 *) VARDATA_ANY(key), VARSIZE_ANY_EXHDR(key), out, &err))
		cd_raise(&err);
	PG_RETURN_TEXT_P(cstring_to_text(out));
}

PG_FUNCTION_INFO_V1(did_key_ed25519);
/*
 * did_key_ed25519(pubkey bytea): the did:key of a 32-byte Ed25519 key.
 */
Datum
did_key_ed25519(PG_FUNCTION_ARGS)
{
	return format_did_key(fcinfo, CD_DID_KEY_ED25519);
}

PG_FUNCTION_INFO_V1(did_key_secp256k1);
/*
 * did_key_secp256k1(pubkey bytea): the did:key of a 33- or 65-byte
 * secp256k1 key (compressed in the DID).
 */
Datum
did_key_secp256k1(PG_FUNCTION_ARGS)
{
	return format_did_key(fcinfo, CD_DID_KEY_SECP256K1);
}

/* Parse the did:key argument argno; its key into key, *key_len. */
static cd_did_key_type
did_key_arg(FunctionCallInfo fcinfo, int argno, uint8 key[CD_DID_KEY_MAX_LEN], size_t *key_len)
{
	size_t		len;
	const char *did = (const char *) text_utf8(PG_GETARG_TEXT_PP(argno), &len);
	cd_did_key_type type;
	cd_error	err;

	cd_error_clear(&err);
	if (!cd_did_key_parse(did, len, &type, key, key_len, &err))
		cd_raise(&err);
	return type;
}

PG_FUNCTION_INFO_V1(did_key_parse);
/*
 * did_key_parse(did text, OUT key_type text, OUT pubkey bytea): 'Ed25519'
 * or 'secp256k1', and the public key (33 bytes compressed for secp256k1).
 */
Datum
did_key_parse(PG_FUNCTION_ARGS)
{
	uint8		key[CD_DID_KEY_MAX_LEN];
	size_t		key_len;
	cd_did_key_type type = did_key_arg(fcinfo, 0, key, &key_len);

	PG_RETURN_DATUM(pair_result(fcinfo, PointerGetDatum(cstring_to_text(cd_did_key_type_name(type))),
								PointerGetDatum(bytea_from_bytes(key, key_len))));
}

/* The key of the did:key argument argno, which must be of type expected. */
static size_t
did_key_of_type(FunctionCallInfo fcinfo, int argno, cd_did_key_type expected, uint8 key[CD_DID_KEY_MAX_LEN])
{
	size_t		key_len;
	cd_did_key_type type = did_key_arg(fcinfo, argno, key, &key_len);

	if (type != expected)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the did:key holds a key of type %s, not %s", cd_did_key_type_name(type),
						cd_did_key_type_name(expected)),
				 errhint("Use %s for this DID.",
						 type == CD_DID_KEY_ED25519 ? "ed25519_verify_did" : "secp256k1_verify_did")));
	return key_len;
}

PG_FUNCTION_INFO_V1(ed25519_verify_did);
/*
 * ed25519_verify_did(message, signature, did): ed25519_verify under the
 * Ed25519 key of a did:key.
 */
Datum
ed25519_verify_did(PG_FUNCTION_ARGS)
{
	uint8		key[CD_DID_KEY_MAX_LEN];
	size_t		key_len = did_key_of_type(fcinfo, 2, CD_DID_KEY_ED25519, key);

	PG_RETURN_BOOL(message_signature_valid(cd_ed25519_verify, PG_GETARG_BYTEA_PP(0), PG_GETARG_BYTEA_PP(1),
										   key, key_len));
}

PG_FUNCTION_INFO_V1(secp256k1_verify_did);
/*
 * secp256k1_verify_did(digest, signature, did, allow_high_s):
 * secp256k1_verify under the secp256k1 key of a did:key.
 */
Datum
secp256k1_verify_did(PG_FUNCTION_ARGS)
{
	const uint8 *digest = fixed_length_bytes(PG_GETARG_BYTEA_PP(0), "digest", CD_DIGEST_LEN);
	uint8		key[CD_DID_KEY_MAX_LEN];
	size_t		key_len = did_key_of_type(fcinfo, 2, CD_DID_KEY_SECP256K1, key);

	PG_RETURN_BOOL(secp256k1_signature_valid(digest, PG_GETARG_BYTEA_PP(1), key, key_len, PG_GETARG_BOOL(3)));
}
