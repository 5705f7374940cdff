/*
 * pg_ledger.c - the byte encoding of the ledger's hash chain
 *
 * Every journal transaction is hashed as keccak256(previous hash ||
 * u64be(seq) || u64be(txn_id) || body); this file builds the body
 * (docs/ledger.md, "Hash chain", is the normative description):
 *   body    = str(kind) || str(ref) || str(asset) || u32be(k) || posting * k
 *             || str(request::text) || str(result::text)
 *   posting = account (20 bytes) || str(asset) || sign || u256be(|amount|)
 *   str(s)  = u32be(UTF-8 length) || UTF-8 bytes
 * request and result are jsonb in jsonb's text output, which is canonical
 * for a value (sorted unique keys, fixed spacing, numbers as stored): what
 * an idempotent replay serves is then what the chain proves.
 * It runs once per ledger transaction and once per transaction in
 * ledger_verify(), so it is C: in SQL it took a function call per field
 * and per posting.  Also here: the links of the chain for a run of
 * transactions (ledger_chain_hashes, so that a seal is one statement), and
 * the cluster's system identifier, which the sealer compares on every seal.
 */
#include "postgres.h"

#include "access/xlog.h"
#include "catalog/pg_type.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "mb/pg_wchar.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/numeric.h"

#include "core/keccak.h"
#include "pg_ledger.h"
#include "pg_numeric_u256.h"

#define LEDGER_AMOUNT_BYTES 33

/*
 * The 33-byte encoding of a signed amount: 0x00 and uint256be(amount) for
 * zero or more, 0x01 and uint256be(-amount) below zero.  The magnitude
 * must be an integer of at most 2^256 - 1 (numeric_get_u256 raises 22023
 * or 22003 otherwise).
 */
static void
encode_amount(Numeric amount, uint8 *out)
{
	bool		negative = false;
	cd_u256		magnitude;

	if (!numeric_is_nan(amount) && !numeric_is_inf(amount) &&
		DatumGetInt32(DirectFunctionCall2(numeric_cmp, NumericGetDatum(amount),
										  NumericGetDatum(int64_to_numeric(0)))) < 0)
	{
		negative = true;
		amount = DatumGetNumeric(DirectFunctionCall1(numeric_uminus, NumericGetDatum(amount)));
	}
	numeric_get_u256(amount, "amount", &magnitude);
	out[0] = negative ? 1 : 0;
	cd_u256_to_be32(&magnitude, out + 1);
}

/* Append a 4-byte big-endian length or count. */
static void
append_u32be(StringInfo buf, uint32 v)
{
	uint8		b[4];

	b[0] = (uint8) (v >> 24);
	b[1] = (uint8) (v >> 16);
	b[2] = (uint8) (v >> 8);
	b[3] = (uint8) v;
	appendBinaryStringInfo(buf, (const char *) b, 4);
}

/* Append str(s): the UTF-8 length as u32be, then the UTF-8 bytes. */
static void
append_str(StringInfo buf, const char *s, int len)
{
	char	   *utf8 = pg_server_to_any(s, len, PG_UTF8);

	if (utf8 != s)
		len = strlen(utf8);
	append_u32be(buf, (uint32) len);
	appendBinaryStringInfo(buf, utf8, len);
}

/* Append str(text output of value) using the cached output function. */
static void
append_output(StringInfo buf, FmgrInfo *out, Datum value)
{
	char	   *s = OutputFunctionCall(out, value);

	append_str(buf, s, strlen(s));
}

/* Append str(jsonb text output of value). */
static void
append_jsonb(StringInfo buf, Datum value)
{
	char	   *s = DatumGetCString(DirectFunctionCall1(jsonb_out, value));

	append_str(buf, s, strlen(s));
	pfree(s);
}

PG_FUNCTION_INFO_V1(ledger_encode_amount);
/*
 * ledger_encode_amount(numeric): the chain's encoding of one signed amount.
 */
Datum
ledger_encode_amount(PG_FUNCTION_ARGS)
{
	bytea	   *result = palloc(VARHDRSZ + LEDGER_AMOUNT_BYTES);

	SET_VARSIZE(result, VARHDRSZ + LEDGER_AMOUNT_BYTES);
	encode_amount(PG_GETARG_NUMERIC(0), (uint8 *) VARDATA(result));
	PG_RETURN_BYTEA_P(result);
}

/* see ledger.h */
int
ledger_array_elements(ArrayType *arr, const char *name, Datum **values)
{
	int16		typlen;
	bool		typbyval;
	char		typalign;
	bool	   *nulls;
	int			n,
				i;

	if (ARR_NDIM(arr) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be a one-dimensional array", name)));
	get_typlenbyvalalign(ARR_ELEMTYPE(arr), &typlen, &typbyval, &typalign);
	deconstruct_array(arr, ARR_ELEMTYPE(arr), typlen, typbyval, typalign, values, &nulls, &n);
	for (i = 0; i < n; i++)
		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("%s must not contain NULL", name)));
	return n;
}

PG_FUNCTION_INFO_V1(ledger_chain_body);
/*
 * ledger_chain_body(kind, ref, asset, accounts eth_address[], assets
 * asset[], amounts numeric[], request jsonb, result jsonb): the body of a
 * journal transaction's hash input.  The three arrays are the postings in
 * order; assets print in their canonical text form through the type's
 * output function, request and result through jsonb's.
 */
Datum
ledger_chain_body(PG_FUNCTION_ARGS)
{
	text	   *kind = PG_GETARG_TEXT_PP(0);
	text	   *ref = PG_GETARG_TEXT_PP(1);
	Datum		asset = PG_GETARG_DATUM(2);
	ArrayType  *accounts_arr = PG_GETARG_ARRAYTYPE_P(3);
	ArrayType  *assets_arr = PG_GETARG_ARRAYTYPE_P(4);
	ArrayType  *amounts_arr = PG_GETARG_ARRAYTYPE_P(5);
	Datum		request = PG_GETARG_DATUM(6);
	Datum		result_json = PG_GETARG_DATUM(7);
	Oid			asset_type = get_fn_expr_argtype(fcinfo->flinfo, 2);
	Oid			output_oid;
	bool		isvarlena;
	FmgrInfo	asset_out;
	Datum	   *accounts,
			   *assets,
			   *amounts;
	int			n,
				i;
	StringInfoData buf;
	uint8		amount_bytes[LEDGER_AMOUNT_BYTES];
	bytea	   *result;

	if (!OidIsValid(asset_type))
		asset_type = ARR_ELEMTYPE(assets_arr);
	if (ARR_ELEMTYPE(assets_arr) != asset_type)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("assets must be an array of the type of asset")));
	if (get_typlen(ARR_ELEMTYPE(accounts_arr)) != 20)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("accounts must be an array of 20-byte addresses")));
	getTypeOutputInfo(asset_type, &output_oid, &isvarlena);
	fmgr_info(output_oid, &asset_out);

	n = ledger_array_elements(accounts_arr, "accounts", &accounts);
	if (ledger_array_elements(assets_arr, "assets", &assets) != n ||
		ledger_array_elements(amounts_arr, "amounts", &amounts) != n)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("accounts, assets and amounts must have the same length")));

	initStringInfo(&buf);
	append_str(&buf, VARDATA_ANY(kind), VARSIZE_ANY_EXHDR(kind));
	append_str(&buf, VARDATA_ANY(ref), VARSIZE_ANY_EXHDR(ref));
	append_output(&buf, &asset_out, asset);
	append_u32be(&buf, (uint32) n);
	for (i = 0; i < n; i++)
	{
		appendBinaryStringInfo(&buf, (const char *) DatumGetPointer(accounts[i]), 20);
		append_output(&buf, &asset_out, assets[i]);
		encode_amount(DatumGetNumeric(amounts[i]), amount_bytes);
		appendBinaryStringInfo(&buf, (const char *) amount_bytes, LEDGER_AMOUNT_BYTES);
	}
	append_jsonb(&buf, request);
	append_jsonb(&buf, result_json);

	result = palloc(VARHDRSZ + buf.len);
	SET_VARSIZE(result, VARHDRSZ + buf.len);
	memcpy(VARDATA(result), buf.data, buf.len);
	pfree(buf.data);
	PG_RETURN_BYTEA_P(result);
}

/* Append v as 8 big-endian bytes to a Keccak-256 state. */
static void
keccak_update_u64be(cd_keccak256_ctx *ctx, uint64 v)
{
	uint8		b[8];

	for (int i = 0; i < 8; i++)
		b[i] = (uint8) (v >> (56 - 8 * i));
	cd_keccak256_update(ctx, b, 8);
}

PG_FUNCTION_INFO_V1(ledger_chain_hashes);
/*
 * ledger_chain_hashes(prev_hash bytea, seq bigint, txn_ids bigint[],
 * bodies bytea[]): the hashes of the transactions txn_ids (with their
 * bodies) appended in that order after the head (seq, prev_hash): element
 * i is ledger_chain_hash(hash i - 1, seq + i, txn_ids[i], bodies[i]).
 */
Datum
ledger_chain_hashes(PG_FUNCTION_ARGS)
{
	bytea	   *prev = PG_GETARG_BYTEA_PP(0);
	int64		seq = PG_GETARG_INT64(1);
	Datum	   *ids;
	Datum	   *bodies;
	int			n = ledger_array_elements(PG_GETARG_ARRAYTYPE_P(2), "txn_ids", &ids);
	Datum	   *hashes;
	uint8		hash[CD_KECCAK256_DIGEST_SIZE];

	if (VARSIZE_ANY_EXHDR(prev) != CD_KECCAK256_DIGEST_SIZE)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("prev_hash must be 32 bytes long")));
	if (ledger_array_elements(PG_GETARG_ARRAYTYPE_P(3), "bodies", &bodies) != n)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("txn_ids and bodies must have the same length")));
	memcpy(hash, VARDATA_ANY(prev), CD_KECCAK256_DIGEST_SIZE);
	hashes = palloc(sizeof(Datum) * (n > 0 ? n : 1));
	for (int i = 0; i < n; i++)
	{
		bytea	   *body = DatumGetByteaPP(bodies[i]);
		bytea	   *out = palloc(VARHDRSZ + CD_KECCAK256_DIGEST_SIZE);
		cd_keccak256_ctx ctx;

		cd_keccak256_init(&ctx);
		cd_keccak256_update(&ctx, hash, CD_KECCAK256_DIGEST_SIZE);
		keccak_update_u64be(&ctx, (uint64) (seq + i + 1));
		keccak_update_u64be(&ctx, (uint64) DatumGetInt64(ids[i]));
		cd_keccak256_update(&ctx, (const uint8 *) VARDATA_ANY(body), VARSIZE_ANY_EXHDR(body));
		cd_keccak256_final(&ctx, hash);
		SET_VARSIZE(out, VARHDRSZ + CD_KECCAK256_DIGEST_SIZE);
		memcpy(VARDATA(out), hash, CD_KECCAK256_DIGEST_SIZE);
		hashes[i] = PointerGetDatum(out);
	}
	PG_RETURN_ARRAYTYPE_P(construct_array(hashes, n, BYTEAOID, -1, false, TYPALIGN_INT));
}

PG_FUNCTION_INFO_V1(ledger_system_identifier);
/*
 * ledger_system_identifier(): this cluster's system identifier, the value
 * pg_control_system() reports.  ledger_head records it next to its
 * transaction-id watermark, to tell a watermark restored from another
 * cluster (another xid history) from its own; the sealer asks on every
 * seal, so it reads the copy in shared memory, where pg_control_system()
 * would read pg_control from disk.  The unsigned 64-bit identifier is
 * returned as a bigint the way pg_control_system() returns it (one made
 * after 2038 reads negative); it is only ever compared for equality.
 */
Datum
ledger_system_identifier(PG_FUNCTION_ARGS)
{
	(void) fcinfo;				/* no arguments */
	PG_RETURN_INT64((int64) GetSystemIdentifier());
}
