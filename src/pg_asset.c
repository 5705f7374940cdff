/*
 * pg_asset.c - the asset SQL type (CAIP-19 asset ids)
 *
 * Storage is the canonical text (see src/core/caip19.c), so equal assets
 * are equal bytes: comparison is memcmp, hashing is over the bytes, and
 * output is a copy.  Input, binary receive and the constructor all go
 * through the core's validation.
 */
#include "postgres.h"

#include "fmgr.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"

#include "pg_asset.h"
#include "pg_bytes.h"
#include "pg_creative_defi.h"
#include "pg_function_families.h"

/*
 * A palloc'd asset holding canonical text, which the caller has validated
 * (the core wrote it).
 */
Asset *
asset_from_canonical(const char *text, size_t len)
{
	return (Asset *) bytea_from_bytes(text, len);
}

/*
 * Text or binary input: parse and canonicalize len bytes.  Binary input
 * gets the same detail as text input, but the binary SQLSTATE and message.
 */
static Asset *
asset_parse(const char *bytes, size_t len, bool binary)
{
	char		canonical[CD_ASSET_TEXT_LEN];
	size_t		canonical_len;
	cd_error	err;

	cd_error_clear(&err);
	if (!cd_asset_parse(bytes, len, canonical, &canonical_len, &err))
	{
		if (binary)
		{
			char		quoted[128];

			err.code = CD_ERR_BINARY;
			snprintf(err.message, sizeof(err.message), "invalid binary value for type asset: \"%s\"",
					 cd_quote_input(bytes, len, quoted, sizeof(quoted)));
		}
		cd_raise(&err);
	}
	return asset_from_canonical(canonical, canonical_len);
}

PG_FUNCTION_INFO_V1(asset_in);
/*
 * Text input: a CAIP-19 asset id, stored in canonical form.
 */
Datum
asset_in(PG_FUNCTION_ARGS)
{
	char	   *text = PG_GETARG_CSTRING(0);

	PG_RETURN_ASSET_P(asset_parse(text, strlen(text), false));
}

PG_FUNCTION_INFO_V1(asset_out);
/*
 * Text output: the canonical text.
 */
Datum
asset_out(PG_FUNCTION_ARGS)
{
	Asset	   *a = PG_GETARG_ASSET_PP(0);

	PG_RETURN_CSTRING(pnstrdup(ASSET_DATA(a), ASSET_LEN(a)));
}

PG_FUNCTION_INFO_V1(asset_recv);
/*
 * Binary input: the asset id's text as bytes, validated and canonicalized
 * exactly as text input is (binary input is never trusted).
 */
Datum
asset_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			len = buf->len - buf->cursor;

	PG_RETURN_ASSET_P(asset_parse(pq_getmsgbytes(buf, len), (size_t) len, true));
}

PG_FUNCTION_INFO_V1(asset_send);
/*
 * Binary output: the canonical text's bytes.
 */
Datum
asset_send(PG_FUNCTION_ARGS)
{
	Asset	   *a = PG_GETARG_ASSET_PP(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbytes(&buf, ASSET_DATA(a), ASSET_LEN(a));
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(asset_from_parts);
/*
 * asset_from_parts(chain, namespace, reference [, token_id]): the asset
 * built from its parts, each validated on its own so that an error names
 * the argument.  Called with three or four arguments (two SQL
 * signatures, both STRICT); the SQL function asset() picks one.
 */
Datum
asset_from_parts(PG_FUNCTION_ARGS)
{
	text	   *chain = PG_GETARG_TEXT_PP(0);
	text	   *namespace_ = PG_GETARG_TEXT_PP(1);
	text	   *reference = PG_GETARG_TEXT_PP(2);
	text	   *token = PG_NARGS() > 3 ? PG_GETARG_TEXT_PP(3) : NULL;
	char		canonical[CD_ASSET_TEXT_LEN];
	size_t		len;
	cd_error	err;

	cd_error_clear(&err);
	if (!cd_asset_from_parts(VARDATA_ANY(chain), VARSIZE_ANY_EXHDR(chain),
							 VARDATA_ANY(namespace_), VARSIZE_ANY_EXHDR(namespace_),
							 VARDATA_ANY(reference), VARSIZE_ANY_EXHDR(reference),
							 token ? VARDATA_ANY(token) : NULL, token ? VARSIZE_ANY_EXHDR(token) : 0,
							 canonical, &len, &err))
		cd_raise(&err);
	PG_RETURN_ASSET_P(asset_from_canonical(canonical, len));
}

/* Which part of an asset an accessor returns. */
typedef enum asset_part
{
	ASSET_CHAIN,
	ASSET_NAMESPACE,
	ASSET_REFERENCE,
	ASSET_TOKEN_ID,
} asset_part;

/*
 * One part of the asset argument as text; NULL for a token id the asset
 * does not have.  Stored values passed validation, so a failure to split
 * one means corrupt data, reported as an internal error.
 */
static Datum
asset_part_text(FunctionCallInfo fcinfo, asset_part which)
{
	Asset	   *a = PG_GETARG_ASSET_PP(0);
	cd_asset_parts parts;
	size_t		off = 0;
	size_t		len = 0;

	if (!cd_asset_split(ASSET_DATA(a), ASSET_LEN(a), &parts))
		elog(ERROR, "corrupt asset value: \"%.*s\"", (int) Min(ASSET_LEN(a), 100), ASSET_DATA(a));
	switch (which)
	{
		case ASSET_CHAIN:
			len = parts.chain_len;
			break;
		case ASSET_NAMESPACE:
			off = parts.namespace_off;
			len = parts.namespace_len;
			break;
		case ASSET_REFERENCE:
			off = parts.reference_off;
			len = parts.reference_len;
			break;
		case ASSET_TOKEN_ID:
			if (parts.token_len == 0)
				PG_RETURN_NULL();
			off = parts.token_off;
			len = parts.token_len;
			break;
	}
	PG_RETURN_TEXT_P(cstring_to_text_with_len(ASSET_DATA(a) + off, len));
}

/* asset_chain(asset): the CAIP-2 chain id, e.g. 'eip155:1'. */
CD_FUNCTION_VARIANT(asset_chain, asset_part_text, ASSET_CHAIN)

/* asset_namespace(asset): the asset namespace, e.g. 'erc721'. */
CD_FUNCTION_VARIANT(asset_namespace, asset_part_text, ASSET_NAMESPACE)

/* asset_reference(asset): the asset reference, e.g. a contract address. */
CD_FUNCTION_VARIANT(asset_reference, asset_part_text, ASSET_REFERENCE)

/* asset_token_id(asset): the token id, or NULL when the asset has none. */
CD_FUNCTION_VARIANT(asset_token_id, asset_part_text, ASSET_TOKEN_ID)

/* see asset.h */
int
asset_compare_values(const Asset *a, const Asset *b)
{
	size_t		alen = ASSET_LEN(a);
	size_t		blen = ASSET_LEN(b);
	int			c = memcmp(ASSET_DATA(a), ASSET_DATA(b), Min(alen, blen));

	if (c != 0)
		return c;
	return alen < blen ? -1 : (alen > blen ? 1 : 0);
}

/* The order of two asset arguments: their canonical texts' bytes. */
static int
asset_compare(FunctionCallInfo fcinfo)
{
	return asset_compare_values(PG_GETARG_ASSET_PP(0), PG_GETARG_ASSET_PP(1));
}

/* The canonical text of an asset argument, which equal assets share. */
static const unsigned char *
asset_hashed_bytes(FunctionCallInfo fcinfo, size_t *len)
{
	Asset	   *a = PG_GETARG_ASSET_PP(0);

	*len = ASSET_LEN(a);
	return (const unsigned char *) ASSET_DATA(a);
}

CD_EQUALITY_FUNCTIONS(asset, asset_compare)
CD_ORDERING_FUNCTIONS(asset, asset_compare)
CD_HASH_FUNCTIONS(asset, asset_hashed_bytes)
CD_MIN_MAX_FUNCTIONS(asset, asset_compare)
