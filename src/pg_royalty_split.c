/*
 * pg_royalty_split.c - the royalty_split SQL type: text, binary and jsonb
 * forms, comparison and hashing
 *
 * Every way in (text, binary, jsonb) ends in cd_split_normalize(), so a
 * stored value is always canonical and valid.
 */
#include "postgres.h"

#include "fmgr.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"
#include "utils/numeric.h"

#include "pg_creative_defi.h"
#include "pg_function_families.h"
#include "pg_royalty_split.h"

/* Core split storage for `capacity` recipients, in the current memory context. */
cd_split
royalty_split_scratch(uint32 capacity)
{
	cd_split	s;

	s.fee = 0;
	s.count = 0;
	s.r = palloc0(sizeof(cd_split_recipient) * (capacity > 0 ? capacity : 1));
	return s;
}

/* Copy a normalized core split into a new varlena value. */
RoyaltySplit *
royalty_split_from_core(const cd_split *s)
{
	Size		size = ROYALTY_SPLIT_SIZE(s->count);
	RoyaltySplit *result = palloc0(size);

	SET_VARSIZE(result, size);
	result->fee = s->fee;
	result->count = s->count;
	memcpy(result->r, s->r, sizeof(cd_split_recipient) * s->count);
	return result;
}

/*
 * A split built from outside input (binary, jsonb, an aggregate's state)
 * normalized by the core, its error raised, and copied into a new value:
 * every way in but text input, which the parser normalizes, ends here.
 */
RoyaltySplit *
royalty_split_normalized(cd_split *s)
{
	cd_error	err;

	cd_error_clear(&err);
	if (!cd_split_normalize(s, &err))
		cd_raise(&err);
	return royalty_split_from_core(s);
}

PG_FUNCTION_INFO_V1(royalty_split_in);
/*
 * Text input: "address=share, ..., distributor_fee=share" (see
 * cd_split_parse for the grammar).
 */
Datum
royalty_split_in(PG_FUNCTION_ARGS)
{
	char	   *text = PG_GETARG_CSTRING(0);
	cd_split	s = royalty_split_scratch(CD_SPLIT_MAX_RECIPIENTS);
	cd_error	err;

	cd_error_clear(&err);
	if (!cd_split_parse(text, strlen(text), &s, &err))
		cd_raise(&err);
	PG_RETURN_ROYALTY_SPLIT_P(royalty_split_from_core(&s));
}

PG_FUNCTION_INFO_V1(royalty_split_out);
/*
 * Text output: canonical, recipients in address order, shares as exact
 * percentages.
 */
Datum
royalty_split_out(PG_FUNCTION_ARGS)
{
	RoyaltySplit *rs = PG_GETARG_ROYALTY_SPLIT_P(0);
	cd_split	s = royalty_split_view(rs);
	char	   *text = palloc(CD_SPLIT_TEXT_MAX(s.count));

	cd_split_format(&s, text);
	PG_RETURN_CSTRING(text);
}

PG_FUNCTION_INFO_V1(royalty_split_recv);
/*
 * Binary input: uint32 fee, uint32 count, then per recipient 20 address
 * bytes and a uint32 share (network order).  Validated like text input.
 */
Datum
royalty_split_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			remaining = buf->len - buf->cursor;
	uint32		fee;
	uint32		count;
	uint32		i;
	cd_split	s;

	if (remaining < 8)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary royalty_split: %d bytes", remaining),
				 errdetail("The binary form starts with a 4-byte fee and a 4-byte count.")));
	fee = (uint32) pq_getmsgint(buf, 4);
	count = (uint32) pq_getmsgint(buf, 4);
	remaining -= 8;
	if (count > CD_SPLIT_MAX_RECIPIENTS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("royalty_split has too many recipients: %u", count),
				 errdetail("A split has at most %d recipients.", CD_SPLIT_MAX_RECIPIENTS)));
	if ((uint32) remaining != count * 24)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary royalty_split: %d bytes for %u recipients", remaining, count),
				 errdetail("Each recipient takes 24 bytes: a 20-byte address and a 4-byte share.")));
	s = royalty_split_scratch(count);
	s.fee = fee;
	s.count = count;
	for (i = 0; i < count; i++)
	{
		pq_copymsgbytes(buf, (char *) s.r[i].addr, CD_ETH_ADDRESS_LEN);
		s.r[i].share = (uint32) pq_getmsgint(buf, 4);
	}
	PG_RETURN_ROYALTY_SPLIT_P(royalty_split_normalized(&s));
}

PG_FUNCTION_INFO_V1(royalty_split_send);
/*
 * Binary output: the layout royalty_split_recv reads.
 */
Datum
royalty_split_send(PG_FUNCTION_ARGS)
{
	RoyaltySplit *rs = PG_GETARG_ROYALTY_SPLIT_P(0);
	StringInfoData buf;
	uint32		i;

	pq_begintypsend(&buf);
	pq_sendint32(&buf, rs->fee);
	pq_sendint32(&buf, rs->count);
	for (i = 0; i < rs->count; i++)
	{
		pq_sendbytes(&buf, (const char *) rs->r[i].addr, CD_ETH_ADDRESS_LEN);
		pq_sendint32(&buf, rs->r[i].share);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* ------------------------------------------------------------------------ */
/* jsonb                                                                    */
/* ------------------------------------------------------------------------ */

PG_FUNCTION_INFO_V1(royalty_split_to_jsonb);
/*
 * Cast royalty_split -> jsonb: {"recipients": [{"address": ..., "share":
 * ppm}, ...], "distributor_fee": ppm}.
 */
Datum
royalty_split_to_jsonb(PG_FUNCTION_ARGS)
{
	RoyaltySplit *rs = PG_GETARG_ROYALTY_SPLIT_P(0);
	cd_split	s = royalty_split_view(rs);
	char	   *text = palloc(CD_SPLIT_JSON_MAX(s.count));

	cd_split_format_json(&s, text);
	PG_RETURN_DATUM(DirectFunctionCall1(jsonb_in, CStringGetDatum(text)));
}

/* The error for jsonb that does not have the royalty_split shape. */
static void
json_shape_error(const char *detail) pg_attribute_noreturn();
static void
json_shape_error(const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("cannot cast jsonb to royalty_split"),
			 errdetail_internal("%s", detail),
			 errhint("The form is {\"recipients\": [{\"address\": \"0x...\", \"share\": 500000}, ...], \"distributor_fee\": 0}, shares and fee in ppm.")));
	pg_unreachable();
}

/*
 * Check that every key of an object container is one of the allowed ones.
 */
static void
json_check_keys(JsonbContainer *obj, const char *const *allowed, int nallowed, const char *where)
{
	JsonbIterator *it = JsonbIteratorInit(obj);
	JsonbValue	v;
	JsonbIteratorToken tok;

	while ((tok = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
	{
		int			i;
		bool		known = false;

		if (tok != WJB_KEY)
			continue;
		for (i = 0; i < nallowed; i++)
			if (v.val.string.len == (int) strlen(allowed[i]) &&
				memcmp(v.val.string.val, allowed[i], v.val.string.len) == 0)
				known = true;
		if (!known)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("cannot cast jsonb to royalty_split"),
					 errdetail("Unexpected key \"%.*s\" in %s.", v.val.string.len, v.val.string.val, where),
					 errhint("A split has the keys \"recipients\" and \"distributor_fee\"; a recipient has \"address\" and \"share\".")));
	}
}

/*
 * A ppm value from jsonb: a whole number from 0 to 1,000,000 (the rules on
 * positive shares and the fee limit are the core's, with its messages).
 */
static uint32
json_ppm(JsonbValue *v, const char *what)
{
	char	   *text;
	const char *p;
	int64		value = 0;

	if (v == NULL || v->type != jbvNumeric)
		json_shape_error(what);
	text = DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(v->val.numeric)));
	for (p = text; *p; p++)
	{
		if (*p < '0' || *p > '9')
			json_shape_error(what);
		if (value <= CD_SPLIT_SCALE)
			value = value * 10 + (*p - '0');
	}
	if (value > CD_SPLIT_SCALE)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("share out of range in royalty_split: %s ppm", text),
				 errdetail("A share is at most 100%% (1000000 ppm).")));
	return (uint32) value;
}

PG_FUNCTION_INFO_V1(royalty_split_from_jsonb);
/*
 * Cast jsonb -> royalty_split.  "distributor_fee" may be left out (0);
 * any other key is an error, so a typo is never silently ignored.
 */
Datum
royalty_split_from_jsonb(PG_FUNCTION_ARGS)
{
	Jsonb	   *jb = PG_GETARG_JSONB_P(0);
	static const char *const top_keys[] = {"recipients", "distributor_fee"};
	static const char *const entry_keys[] = {"address", "share"};
	JsonbValue *recipients;
	JsonbValue *fee;
	JsonbContainer *arr;
	uint32		n;
	uint32		i;
	cd_split	s;
	cd_error	err;

	if (JB_ROOT_IS_SCALAR(jb) || !JB_ROOT_IS_OBJECT(jb))
		json_shape_error("The value must be an object.");
	json_check_keys(&jb->root, top_keys, 2, "the split");
	recipients = getKeyJsonValueFromContainer(&jb->root, "recipients", 10, NULL);
	if (recipients == NULL || recipients->type != jbvBinary ||
		!JsonContainerIsArray(recipients->val.binary.data))
		json_shape_error("\"recipients\" must be an array.");
	arr = recipients->val.binary.data;
	n = JsonContainerSize(arr);
	if (n > CD_SPLIT_MAX_RECIPIENTS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("royalty_split has too many recipients: %u", n),
				 errdetail("A split has at most %d recipients.", CD_SPLIT_MAX_RECIPIENTS),
				 errhint("Group small recipients into a nested split of their own.")));
	s = royalty_split_scratch(n);
	s.count = n;
	cd_error_clear(&err);
	for (i = 0; i < n; i++)
	{
		JsonbValue *entry = getIthJsonbValueFromContainer(arr, i);
		JsonbValue *addr;

		if (entry->type != jbvBinary || !JsonContainerIsObject(entry->val.binary.data))
			json_shape_error(psprintf("Recipient %u must be an object with \"address\" and \"share\".", i + 1));
		json_check_keys(entry->val.binary.data, entry_keys, 2, psprintf("recipient %u", i + 1));
		addr = getKeyJsonValueFromContainer(entry->val.binary.data, "address", 7, NULL);
		if (addr == NULL || addr->type != jbvString)
			json_shape_error(psprintf("The \"address\" of recipient %u must be a string.", i + 1));
		if (!cd_eth_address_parse(addr->val.string.val, addr->val.string.len, s.r[i].addr, &err))
			cd_raise(&err);
		s.r[i].share = json_ppm(getKeyJsonValueFromContainer(entry->val.binary.data, "share", 5, NULL),
								psprintf("The \"share\" of recipient %u must be a whole number of ppm.", i + 1));
	}
	fee = getKeyJsonValueFromContainer(&jb->root, "distributor_fee", 15, NULL);
	if (fee != NULL)
		s.fee = json_ppm(fee, "\"distributor_fee\" must be a whole number of ppm.");
	PG_RETURN_ROYALTY_SPLIT_P(royalty_split_normalized(&s));
}

/* ------------------------------------------------------------------------ */
/* Comparison and hashing                                                   */
/* ------------------------------------------------------------------------ */

/* The core's total order on two split arguments. */
static int
royalty_split_compare(FunctionCallInfo fcinfo)
{
	RoyaltySplit *a = PG_GETARG_ROYALTY_SPLIT_P(0);
	RoyaltySplit *b = PG_GETARG_ROYALTY_SPLIT_P(1);
	cd_split	sa = royalty_split_view(a);
	cd_split	sb = royalty_split_view(b);

	return cd_split_cmp(&sa, &sb);
}

/* The canonical bytes of a split argument: fee, count, recipients. */
static const unsigned char *
royalty_split_hashed_bytes(FunctionCallInfo fcinfo, size_t *len)
{
	RoyaltySplit *rs = PG_GETARG_ROYALTY_SPLIT_P(0);

	*len = VARSIZE(rs) - offsetof(RoyaltySplit, fee);
	return (const unsigned char *) &rs->fee;
}

/* a = b: same recipients, same shares, same fee */
CD_EQUALITY_FUNCTIONS(royalty_split, royalty_split_compare)
CD_ORDERING_FUNCTIONS(royalty_split, royalty_split_compare)
CD_HASH_FUNCTIONS(royalty_split, royalty_split_hashed_bytes)
