/*
 * pg_asset.c - the asset SQL type (CAIP-19 asset ids)
 *
 * Storage is the canonical text (see src/core/caip19.c), so equal assets
 * are equal bytes: comparison is memcmp, hashing is over the bytes, and
 * output is a copy.  Input, binary receive and the constructor all go
 * through the core's validation.
 */
#include "postgres.h"

#include "common/hashfn.h"
#include "fmgr.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"

#include "pg_asset.h"
#include "pg_creative_defi.h"

/*
 * A palloc'd asset holding canonical text, which the caller has validated
 * (the core wrote it).
 */
Asset *
asset_from_canonical(const char *text, size_t len)
{
	Asset	   *result = palloc(VARHDRSZ + len);

	SET_VARSIZE(result, VARHDRSZ + len);
	memcpy(VARDATA(result), text, len);
	return result;
}

PG_FUNCTION_INFO_V1(asset_in);
/*
 * Text input: a CAIP-19 asset id, stored in canonical form.
 */
Datum
asset_in(PG_FUNCTION_ARGS)
{
	char	   *text = PG_GETARG_CSTRING(0);
	char		canonical[CD_ASSET_TEXT_LEN];
	size_t		len;
	cd_error	err;

	cd_error_clear(&err);
	if (!cd_asset_parse(text, strlen(text), canonical, &len, &err))
		cd_raise(&err);
	PG_RETURN_ASSET_P(asset_from_canonical(canonical, len));
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
	const char *bytes = pq_getmsgbytes(buf, len);
	char		canonical[CD_ASSET_TEXT_LEN];
	size_t		canonical_len;
	cd_error	err;

	cd_error_clear(&err);
	if (!cd_asset_parse(bytes, (size_t) len, canonical, &canonical_len, &err))
	{
		char		quoted[128];

		/* same detail as text input, but the binary SQLSTATE and message */
		err.code = CD_ERR_BINARY;
		snprintf(err.message, sizeof(err.message), "invalid binary value for type asset: \"%s\"",
				 cd_quote_input(bytes, (size_t) len, quoted, sizeof(quoted)));
		cd_raise(&err);
	}
	PG_RETURN_ASSET_P(asset_from_canonical(canonical, canonical_len));
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

/*
 * The parts of a stored asset.  Stored values passed validation, so a
 * failure here means corrupt data, reported as an internal error.
 */
static void
asset_get_parts(Asset *a, cd_asset_parts *parts)
{
	if (!cd_asset_split(ASSET_DATA(a), ASSET_LEN(a), parts))
		elog(ERROR, "corrupt asset value: \"%.*s\"", (int) Min(ASSET_LEN(a), 100), ASSET_DATA(a));
}

PG_FUNCTION_INFO_V1(asset_chain);
/*
 * asset_chain(asset): the CAIP-2 chain id, e.g. 'eip155:1'.
 */
Datum
asset_chain(PG_FUNCTION_ARGS)
{
	Asset	   *a = PG_GETARG_ASSET_PP(0);
	cd_asset_parts parts;

	asset_get_parts(a, &parts);
	PG_RETURN_TEXT_P(cstring_to_text_with_len(ASSET_DATA(a), parts.chain_len));
}

PG_FUNCTION_INFO_V1(asset_namespace);
/*
 * asset_namespace(asset): the asset namespace, e.g. 'erc721'.
 */
Datum
asset_namespace(PG_FUNCTION_ARGS)
{
	Asset	   *a = PG_GETARG_ASSET_PP(0);
	cd_asset_parts parts;

	asset_get_parts(a, &parts);
	PG_RETURN_TEXT_P(cstring_to_text_with_len(ASSET_DATA(a) + parts.namespace_off, parts.namespace_len));
}

PG_FUNCTION_INFO_V1(asset_reference);
/*
 * asset_reference(asset): the asset reference, e.g. a contract address.
 */
Datum
asset_reference(PG_FUNCTION_ARGS)
{
	Asset	   *a = PG_GETARG_ASSET_PP(0);
	cd_asset_parts parts;

	asset_get_parts(a, &parts);
	PG_RETURN_TEXT_P(cstring_to_text_with_len(ASSET_DATA(a) + parts.reference_off, parts.reference_len));
}

PG_FUNCTION_INFO_V1(asset_token_id);
/*
 * asset_token_id(asset): the token id, or NULL when the asset has none.
 */
Datum
asset_token_id(PG_FUNCTION_ARGS)
{
	Asset	   *a = PG_GETARG_ASSET_PP(0);
	cd_asset_parts parts;

	asset_get_parts(a, &parts);
	if (parts.token_len == 0)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text_with_len(ASSET_DATA(a) + parts.token_off, parts.token_len));
}

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

static int
asset_compare(FunctionCallInfo fcinfo)
{
	return asset_compare_values(PG_GETARG_ASSET_PP(0), PG_GETARG_ASSET_PP(1));
}

PG_FUNCTION_INFO_V1(asset_eq);
/* a = b */
Datum
asset_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(asset_compare(fcinfo) == 0);
}

PG_FUNCTION_INFO_V1(asset_ne);
/* a <> b */
Datum
asset_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(asset_compare(fcinfo) != 0);
}

PG_FUNCTION_INFO_V1(asset_lt);
/* a < b */
Datum
asset_lt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(asset_compare(fcinfo) < 0);
}

PG_FUNCTION_INFO_V1(asset_le);
/* a <= b */
Datum
asset_le(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(asset_compare(fcinfo) <= 0);
}

PG_FUNCTION_INFO_V1(asset_gt);
/* a > b */
Datum
asset_gt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(asset_compare(fcinfo) > 0);
}

PG_FUNCTION_INFO_V1(asset_ge);
/* a >= b */
Datum
asset_ge(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(asset_compare(fcinfo) >= 0);
}

PG_FUNCTION_INFO_V1(asset_cmp);
/* btree support: -1, 0 or 1 */
Datum
asset_cmp(PG_FUNCTION_ARGS)
{
	int			c = asset_compare(fcinfo);

	PG_RETURN_INT32(c < 0 ? -1 : (c > 0 ? 1 : 0));
}

PG_FUNCTION_INFO_V1(asset_hash);
/* hash support: over the canonical bytes, so equal assets hash equal */
Datum
asset_hash(PG_FUNCTION_ARGS)
{
	Asset	   *a = PG_GETARG_ASSET_PP(0);

	return hash_any((const unsigned char *) ASSET_DATA(a), ASSET_LEN(a));
}

PG_FUNCTION_INFO_V1(asset_hash_extended);
/* extended hash support (hash partitioning) */
Datum
asset_hash_extended(PG_FUNCTION_ARGS)
{
	Asset	   *a = PG_GETARG_ASSET_PP(0);

	return hash_any_extended((const unsigned char *) ASSET_DATA(a), ASSET_LEN(a), PG_GETARG_INT64(1));
}

PG_FUNCTION_INFO_V1(asset_smaller);
/* min aggregate support */
Datum
asset_smaller(PG_FUNCTION_ARGS)
{
	PG_RETURN_DATUM(asset_compare(fcinfo) <= 0 ? PG_GETARG_DATUM(0) : PG_GETARG_DATUM(1));
}

PG_FUNCTION_INFO_V1(asset_larger);
/* max aggregate support */
Datum
asset_larger(PG_FUNCTION_ARGS)
{
	PG_RETURN_DATUM(asset_compare(fcinfo) >= 0 ? PG_GETARG_DATUM(0) : PG_GETARG_DATUM(1));
}
