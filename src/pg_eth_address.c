/*
 * pg_eth_address.c - the eth_address SQL type
 *
 * Storage is the 20 raw bytes (typlen 20, alignment char), so comparison
 * is memcmp and hashing is over the bytes.  Text input accepts EIP-55
 * mixed case only with a valid checksum; output is always checksummed.
 */
#include "postgres.h"

#include "fmgr.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"

#include "pg_bytes.h"
#include "pg_creative_defi.h"
#include "pg_eth_address.h"
#include "pg_function_families.h"

EthAddress *
eth_address_from_bytes(const uint8 *bytes)
{
	EthAddress *result = palloc(sizeof(EthAddress));

	memcpy(result->bytes, bytes, CD_ETH_ADDRESS_LEN);
	return result;
}

PG_FUNCTION_INFO_V1(eth_address_in);
/*
 * Text input: "0x" + 40 hex digits, EIP-55 checked when mixed case.
 */
Datum
eth_address_in(PG_FUNCTION_ARGS)
{
	char	   *text = PG_GETARG_CSTRING(0);
	uint8		bytes[CD_ETH_ADDRESS_LEN];
	cd_error	err;

	cd_error_clear(&err);
	if (!cd_eth_address_parse(text, strlen(text), bytes, &err))
		cd_raise(&err);
	PG_RETURN_ETH_ADDRESS_P(eth_address_from_bytes(bytes));
}

PG_FUNCTION_INFO_V1(eth_address_out);
/*
 * Text output: EIP-55 checksummed.
 */
Datum
eth_address_out(PG_FUNCTION_ARGS)
{
	EthAddress *addr = PG_GETARG_ETH_ADDRESS_P(0);
	char	   *text = palloc(CD_ETH_ADDRESS_TEXT_LEN);

	cd_eth_address_format(addr->bytes, text);
	PG_RETURN_CSTRING(text);
}

PG_FUNCTION_INFO_V1(eth_address_recv);
/*
 * Binary input: exactly 20 bytes.
 */
Datum
eth_address_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			remaining = buf->len - buf->cursor;

	if (remaining != CD_ETH_ADDRESS_LEN)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary eth_address: %d bytes", remaining),
				 errdetail("The binary form of an eth_address is exactly 20 bytes.")));
	PG_RETURN_ETH_ADDRESS_P(eth_address_from_bytes((const uint8 *) pq_getmsgbytes(buf, CD_ETH_ADDRESS_LEN)));
}

PG_FUNCTION_INFO_V1(eth_address_send);
/*
 * Binary output: the 20 bytes.
 */
Datum
eth_address_send(PG_FUNCTION_ARGS)
{
	EthAddress *addr = PG_GETARG_ETH_ADDRESS_P(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbytes(&buf, (const char *) addr->bytes, CD_ETH_ADDRESS_LEN);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(eth_address_from_bytea);
/*
 * Cast bytea -> eth_address: exactly 20 bytes.
 */
Datum
eth_address_from_bytea(PG_FUNCTION_ARGS)
{
	bytea	   *raw = PG_GETARG_BYTEA_PP(0);
	int			len = VARSIZE_ANY_EXHDR(raw);

	if (len != CD_ETH_ADDRESS_LEN)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot cast bytea of length %d to eth_address", len),
				 errdetail("An eth_address is exactly 20 bytes."),
				 errhint("To derive the address of a public key, use eth_address(pubkey).")));
	PG_RETURN_ETH_ADDRESS_P(eth_address_from_bytes((const uint8 *) VARDATA_ANY(raw)));
}

PG_FUNCTION_INFO_V1(eth_address_to_bytea);
/*
 * Cast eth_address -> bytea: the 20 bytes.
 */
Datum
eth_address_to_bytea(PG_FUNCTION_ARGS)
{
	PG_RETURN_BYTEA_P(bytea_from_bytes(PG_GETARG_ETH_ADDRESS_P(0)->bytes, CD_ETH_ADDRESS_LEN));
}

PG_FUNCTION_INFO_V1(eth_address_from_pubkey);
/*
 * eth_address(pubkey bytea): the address of a 33- or 65-byte secp256k1
 * public key.
 */
Datum
eth_address_from_pubkey(PG_FUNCTION_ARGS)
{
	bytea	   *pubkey = PG_GETARG_BYTEA_PP(0);
	uint8		bytes[CD_ETH_ADDRESS_LEN];
	cd_error	err;

	cd_error_clear(&err);
	if (!cd_eth_address_from_pubkey((const uint8 *) VARDATA_ANY(pubkey),
									VARSIZE_ANY_EXHDR(pubkey), bytes, &err))
		cd_raise(&err);
	PG_RETURN_ETH_ADDRESS_P(eth_address_from_bytes(bytes));
}

/* Comparison: the bytes, big-endian, which is the numeric order of addresses. */
static int
eth_address_compare(FunctionCallInfo fcinfo)
{
	EthAddress *a = PG_GETARG_ETH_ADDRESS_P(0);
	EthAddress *b = PG_GETARG_ETH_ADDRESS_P(1);

	return memcmp(a->bytes, b->bytes, CD_ETH_ADDRESS_LEN);
}

/* The 20 bytes of an address argument. */
static const unsigned char *
eth_address_hashed_bytes(FunctionCallInfo fcinfo, size_t *len)
{
	*len = CD_ETH_ADDRESS_LEN;
	return PG_GETARG_ETH_ADDRESS_P(0)->bytes;
}

CD_EQUALITY_FUNCTIONS(eth_address, eth_address_compare)
CD_ORDERING_FUNCTIONS(eth_address, eth_address_compare)
CD_HASH_FUNCTIONS(eth_address, eth_address_hashed_bytes)
CD_MIN_MAX_FUNCTIONS(eth_address, eth_address_compare)
