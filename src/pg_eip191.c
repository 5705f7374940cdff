/*
 * pg_eip191.c - SQL access to EIP-191 personal messages: hash, recover, verify
 *
 * The text overloads sign the UTF-8 bytes of the text whatever the
 * database encoding, as wallets do, and as keccak256(text) hashes.
 */
#include "postgres.h"

#include "fmgr.h"

#include "pg_bytes.h"
#include "pg_ecdsa.h"
#include "pg_function_families.h"
#include "core/eip191.h"

/* The EIP-191 digest of a message argument, bytea or text (as UTF-8). */
static void
message_arg_hash(FunctionCallInfo fcinfo, int argno, bool is_text, uint8 digest[CD_DIGEST_LEN])
{
	size_t		len;
	const uint8 *message = bytes_or_text_arg(fcinfo, argno, is_text, &len);

	cd_eth_message_hash(message, len, digest);
}

/* eth_message_hash(message): the digest as bytea. */
static Datum
hash_message(FunctionCallInfo fcinfo, bool is_text)
{
	bytea	   *result = bytea_alloc(CD_DIGEST_LEN);

	message_arg_hash(fcinfo, 0, is_text, (uint8 *) VARDATA(result));
	PG_RETURN_BYTEA_P(result);
}

/* eth_recover_message(message, signature): the signer, or NULL. */
static Datum
recover_message(FunctionCallInfo fcinfo, bool is_text)
{
	uint8		digest[CD_DIGEST_LEN];
	uint8		address[CD_ETH_ADDRESS_LEN];

	message_arg_hash(fcinfo, 0, is_text, digest);
	PG_RETURN_SIGNER(recover_signer(digest, PG_GETARG_BYTEA_PP(1), address), address);
}

/* eth_verify_message(signer, message, signature): signed by signer? */
static Datum
verify_message(FunctionCallInfo fcinfo, bool is_text)
{
	uint8		digest[CD_DIGEST_LEN];

	message_arg_hash(fcinfo, 1, is_text, digest);
	PG_RETURN_BOOL(signed_by(PG_GETARG_ETH_ADDRESS_P(0), digest, PG_GETARG_BYTEA_PP(2)));
}

/*
 * eth_message_hash(message bytea): the EIP-191 personal_sign digest.
 */
CD_FUNCTION_VARIANT(eth_message_hash, hash_message, false)

/*
 * eth_message_hash(message text): the digest of the text's UTF-8 bytes.
 */
CD_FUNCTION_VARIANT(eth_message_hash_text, hash_message, true)

/*
 * eth_recover_message(message bytea, signature bytea): the signer, or NULL.
 */
CD_FUNCTION_VARIANT(eth_recover_message, recover_message, false)

/*
 * eth_recover_message(message text, signature bytea): the signer of the
 * text's UTF-8 bytes, or NULL.
 */
CD_FUNCTION_VARIANT(eth_recover_message_text, recover_message, true)

/*
 * eth_verify_message(signer, message bytea, signature): true when the
 * signature recovers to signer.
 */
CD_FUNCTION_VARIANT(eth_verify_message, verify_message, false)

/*
 * eth_verify_message(signer, message text, signature): the same over the
 * text's UTF-8 bytes.
 */
CD_FUNCTION_VARIANT(eth_verify_message_text, verify_message, true)
