/*
 * pg_eip191.c - SQL access to EIP-191 personal messages: hash, recover, verify
 *
 * The text overloads sign the UTF-8 bytes of the text whatever the
 * database encoding, as wallets do, and as keccak256(text) hashes.
 */
#include "postgres.h"

#include "fmgr.h"
#include "mb/pg_wchar.h"

#include "pg_creative_defi.h"
#include "pg_eth_address.h"
#include "core/ecdsa.h"
#include "core/eip191.h"

/* The UTF-8 bytes of a text datum (converted only if the server is not UTF-8). */
static const uint8 *
text_utf8(text *t, size_t *len)
{
	int			n = VARSIZE_ANY_EXHDR(t);
	char	   *utf8 = pg_server_to_any(VARDATA_ANY(t), n, PG_UTF8);

	*len = (utf8 != VARDATA_ANY(t)) ? strlen(utf8) : (size_t) n;
	return (const uint8 *) utf8;
}

/* A palloc'd bytea holding the EIP-191 digest of a message. */
static bytea *
message_hash(const uint8 *message, size_t len)
{
	bytea	   *result = palloc(VARHDRSZ + CD_DIGEST_LEN);

	SET_VARSIZE(result, VARHDRSZ + CD_DIGEST_LEN);
	cd_eth_message_hash(message, len, (uint8 *) VARDATA(result));
	return result;
}

/*
 * Recover the signer of a personal message; false when nothing recovers.
 * Raises on a signature of the wrong length.
 */
static bool
recover_message(const uint8 *message, size_t len, bytea *sig, uint8 address[CD_ETH_ADDRESS_LEN])
{
	uint8		digest[CD_DIGEST_LEN];
	bool		recovered;
	cd_error	err;

	cd_error_clear(&err);
	cd_eth_message_hash(message, len, digest);
	if (!cd_ecrecover(digest, (const uint8 *) VARDATA_ANY(sig), VARSIZE_ANY_EXHDR(sig),
					  address, &recovered, &err))
		cd_raise(&err);
	return recovered;
}

PG_FUNCTION_INFO_V1(eth_message_hash);
/*
 * eth_message_hash(message bytea): the EIP-191 personal_sign digest.
 */
Datum
eth_message_hash(PG_FUNCTION_ARGS)
{
	bytea	   *message = PG_GETARG_BYTEA_PP(0);

	PG_RETURN_BYTEA_P(message_hash((const uint8 *) VARDATA_ANY(message), VARSIZE_ANY_EXHDR(message)));
}

PG_FUNCTION_INFO_V1(eth_message_hash_text);
/*
 * eth_message_hash(message text): the digest of the text's UTF-8 bytes.
 */
Datum
eth_message_hash_text(PG_FUNCTION_ARGS)
{
	size_t		len;
	const uint8 *utf8 = text_utf8(PG_GETARG_TEXT_PP(0), &len);

	PG_RETURN_BYTEA_P(message_hash(utf8, len));
}

PG_FUNCTION_INFO_V1(eth_recover_message);
/*
 * eth_recover_message(message bytea, signature bytea): the signer, or NULL.
 */
Datum
eth_recover_message(PG_FUNCTION_ARGS)
{
	bytea	   *message = PG_GETARG_BYTEA_PP(0);
	uint8		address[CD_ETH_ADDRESS_LEN];

	if (!recover_message((const uint8 *) VARDATA_ANY(message), VARSIZE_ANY_EXHDR(message),
						 PG_GETARG_BYTEA_PP(1), address))
		PG_RETURN_NULL();
	PG_RETURN_ETH_ADDRESS_P(eth_address_from_bytes(address));
}

PG_FUNCTION_INFO_V1(eth_recover_message_text);
/*
 * eth_recover_message(message text, signature bytea): the signer of the
 * text's UTF-8 bytes, or NULL.
 */
Datum
eth_recover_message_text(PG_FUNCTION_ARGS)
{
	size_t		len;
	const uint8 *utf8 = text_utf8(PG_GETARG_TEXT_PP(0), &len);
	uint8		address[CD_ETH_ADDRESS_LEN];

	if (!recover_message(utf8, len, PG_GETARG_BYTEA_PP(1), address))
		PG_RETURN_NULL();
	PG_RETURN_ETH_ADDRESS_P(eth_address_from_bytes(address));
}

PG_FUNCTION_INFO_V1(eth_verify_message);
/*
 * eth_verify_message(signer, message bytea, signature): true when the
 * signature recovers to signer.
 */
Datum
eth_verify_message(PG_FUNCTION_ARGS)
{
	EthAddress *signer = PG_GETARG_ETH_ADDRESS_P(0);
	bytea	   *message = PG_GETARG_BYTEA_PP(1);
	uint8		address[CD_ETH_ADDRESS_LEN];

	PG_RETURN_BOOL(recover_message((const uint8 *) VARDATA_ANY(message), VARSIZE_ANY_EXHDR(message),
								   PG_GETARG_BYTEA_PP(2), address) &&
				   memcmp(address, signer->bytes, CD_ETH_ADDRESS_LEN) == 0);
}

PG_FUNCTION_INFO_V1(eth_verify_message_text);
/*
 * eth_verify_message(signer, message text, signature): the same over the
 * text's UTF-8 bytes.
 */
Datum
eth_verify_message_text(PG_FUNCTION_ARGS)
{
	EthAddress *signer = PG_GETARG_ETH_ADDRESS_P(0);
	size_t		len;
	const uint8 *utf8 = text_utf8(PG_GETARG_TEXT_PP(1), &len);
	uint8		address[CD_ETH_ADDRESS_LEN];

	PG_RETURN_BOOL(recover_message(utf8, len, PG_GETARG_BYTEA_PP(2), address) &&
				   memcmp(address, signer->bytes, CD_ETH_ADDRESS_LEN) == 0);
}
