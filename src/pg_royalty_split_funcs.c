/*
 * pg_royalty_split_funcs.c - SQL functions on royalty_split: distribution,
 * SplitMain v1 arithmetic and hash, accessors, nesting, EIP-2981 royalty
 *
 * The set-returning functions compute every row in the core at once and
 * hand them to a tuplestore (materialize mode): one call per split and
 * amount, no per-row function-call overhead.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
/* funcapi.h pulls in executor headers with unused parameters (-Wextra) */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include "funcapi.h"
#pragma GCC diagnostic pop
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/numeric.h"
#include "utils/tuplestore.h"

#include "pg_bytes.h"
#include "pg_creative_defi.h"
#include "pg_eth_address.h"
#include "pg_function_families.h"
#include "pg_numeric_u256.h"
#include "pg_royalty_split.h"

/* Append one (recipient, amount) row; a NULL addr gives a NULL recipient. */
static void
put_row(ReturnSetInfo *rsinfo, const uint8 *addr, const cd_u256 *amount)
{
	Datum		values[2];
	bool		nulls[2] = {false, false};
	Numeric		num = u256_get_numeric(amount);

	if (addr == NULL)
	{
		values[0] = (Datum) 0;
		nulls[0] = true;
	}
	else
		values[0] = PointerGetDatum(addr);	/* eth_address is its 20 bytes */
	values[1] = NumericGetDatum(num);
	tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	pfree(num);
}

/*
 * split_distribute with or without a distributor: the recipients' rows in
 * address order, then, when the split has a distributor fee, the fee row
 * (recipient = distributor, or NULL when none was given).
 */
static Datum
distribute(FunctionCallInfo fcinfo, bool with_distributor)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	RoyaltySplit *rs = PG_GETARG_ROYALTY_SPLIT_P(0);
	cd_split	s = royalty_split_view(rs);
	cd_u256		amount;
	cd_u256		fee;
	cd_u256    *amounts;
	uint32		i;

	PG_GETARG_U256(1, "amount", &amount);
	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	amounts = palloc(sizeof(cd_u256) * s.count);
	cd_split_distribute(&s, &amount, &fee, amounts);
	for (i = 0; i < s.count; i++)
		put_row(rsinfo, s.r[i].addr, &amounts[i]);
	if (s.fee != 0)
		put_row(rsinfo, with_distributor ? PG_GETARG_ETH_ADDRESS_P(2)->bytes : NULL, &fee);
	pfree(amounts);
	return (Datum) 0;
}

/*
 * split_distribute(split, amount): exact largest-remainder distribution;
 * a distributor fee, if any, comes back in a row with a NULL recipient.
 */
CD_FUNCTION_VARIANT(split_distribute, distribute, false)

/*
 * split_distribute(split, amount, distributor): the same, with the fee row
 * paid to the distributor.
 */
CD_FUNCTION_VARIANT(split_distribute_to, distribute, true)

PG_FUNCTION_INFO_V1(split_distribute_0xsplits_internal);
/*
 * split_distribute_0xsplits_internal(split, amount, distributor): SplitMain
 * v1 arithmetic.  The SQL function split_distribute_0xsplits passes the
 * zero address for a NULL distributor: SplitMain pays the fee to
 * msg.sender then, which the database cannot know, so a split with a fee
 * needs a real distributor.  Rows: recipients, the distributor's fee (when
 * the split has one), then the dust with a NULL recipient.
 */
Datum
split_distribute_0xsplits_internal(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	RoyaltySplit *rs = PG_GETARG_ROYALTY_SPLIT_P(0);
	EthAddress *distributor = PG_GETARG_ETH_ADDRESS_P(2);
	static const uint8 zero[CD_ETH_ADDRESS_LEN] = {0};
	cd_split	s = royalty_split_view(rs);
	cd_u256		amount;
	cd_u256		fee;
	cd_u256		dust;
	cd_u256    *amounts;
	cd_error	err;
	uint32		i;

	PG_GETARG_U256(1, "amount", &amount);
	if (s.fee != 0 && memcmp(distributor->bytes, zero, CD_ETH_ADDRESS_LEN) == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("split_distribute_0xsplits needs a distributor for a split with a distributor fee"),
				 errdetail("SplitMain v1 pays the fee to distributorAddress, or to msg.sender when that is the zero address."),
				 errhint("Pass the address the fee goes to as the third argument.")));
	amounts = palloc(sizeof(cd_u256) * s.count);
	cd_error_clear(&err);
	if (!cd_split_distribute_0xsplits(&s, &amount, &fee, amounts, &dust, &err))
		cd_raise(&err);
	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	for (i = 0; i < s.count; i++)
		put_row(rsinfo, s.r[i].addr, &amounts[i]);
	if (s.fee != 0)
		put_row(rsinfo, distributor->bytes, &fee);
	put_row(rsinfo, NULL, &dust);
	pfree(amounts);
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(split_hash);
/*
 * split_hash(split): SplitMain v1's _hashSplit, 32 bytes.
 */
Datum
split_hash(PG_FUNCTION_ARGS)
{
	RoyaltySplit *rs = PG_GETARG_ROYALTY_SPLIT_P(0);
	cd_split	s = royalty_split_view(rs);
	bytea	   *result = bytea_alloc(CD_KECCAK256_DIGEST_SIZE);

	cd_split_hash(&s, (uint8 *) VARDATA(result));
	PG_RETURN_BYTEA_P(result);
}

PG_FUNCTION_INFO_V1(split_share);
/*
 * split_share(split, recipient): the recipient's share in ppm, 0 if absent.
 */
Datum
split_share(PG_FUNCTION_ARGS)
{
	RoyaltySplit *rs = PG_GETARG_ROYALTY_SPLIT_P(0);
	EthAddress *addr = PG_GETARG_ETH_ADDRESS_P(1);
	cd_split	s = royalty_split_view(rs);
	int			idx = cd_split_find(&s, addr->bytes);

	PG_RETURN_NUMERIC(int64_to_numeric(idx < 0 ? 0 : (int64) s.r[idx].share));
}

PG_FUNCTION_INFO_V1(split_recipients);
/*
 * split_recipients(split): the recipients in address order.
 */
Datum
split_recipients(PG_FUNCTION_ARGS)
{
	RoyaltySplit *rs = PG_GETARG_ROYALTY_SPLIT_P(0);
	Oid			elem = get_element_type(get_fn_expr_rettype(fcinfo->flinfo));
	Datum	   *elems = palloc(sizeof(Datum) * rs->count);
	uint32		i;

	if (!OidIsValid(elem))
		elog(ERROR, "split_recipients: cannot determine the element type of its result");
	for (i = 0; i < rs->count; i++)
		elems[i] = PointerGetDatum(rs->r[i].addr);
	PG_RETURN_ARRAYTYPE_P(construct_array(elems, (int) rs->count, elem, CD_ETH_ADDRESS_LEN,
										  false, TYPALIGN_CHAR));
}

PG_FUNCTION_INFO_V1(split_count);
/*
 * split_count(split): the number of recipients.
 */
Datum
split_count(PG_FUNCTION_ARGS)
{
	RoyaltySplit *rs = PG_GETARG_ROYALTY_SPLIT_P(0);

	PG_RETURN_INT32((int32) rs->count);
}

PG_FUNCTION_INFO_V1(split_distributor_fee);
/*
 * split_distributor_fee(split): the distributor fee in ppm.
 */
Datum
split_distributor_fee(PG_FUNCTION_ARGS)
{
	RoyaltySplit *rs = PG_GETARG_ROYALTY_SPLIT_P(0);

	PG_RETURN_NUMERIC(int64_to_numeric((int64) rs->fee));
}

/* Whether addr is a recipient of the split datum (binary search). */
static bool
has_recipient(Datum split, const EthAddress *addr)
{
	RoyaltySplit *rs = DatumGetRoyaltySplitP(split);
	cd_split	s = royalty_split_view(rs);

	return cd_split_find(&s, addr->bytes) >= 0;
}

PG_FUNCTION_INFO_V1(split_has_recipient);
/*
 * split @> address: the address is a recipient.
 */
Datum
split_has_recipient(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(has_recipient(PG_GETARG_DATUM(0), PG_GETARG_ETH_ADDRESS_P(1)));
}

PG_FUNCTION_INFO_V1(split_recipient_of);
/*
 * address <@ split: the commutator of @>.
 */
Datum
split_recipient_of(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(has_recipient(PG_GETARG_DATUM(1), PG_GETARG_ETH_ADDRESS_P(0)));
}

PG_FUNCTION_INFO_V1(split_nest);
/*
 * split_nest(outer, recipient, inner): the recipient replaced by the inner
 * split's recipients, apportioned exactly in ppm.
 */
Datum
split_nest(PG_FUNCTION_ARGS)
{
	RoyaltySplit *outer_rs = PG_GETARG_ROYALTY_SPLIT_P(0);
	EthAddress *addr = PG_GETARG_ETH_ADDRESS_P(1);
	RoyaltySplit *inner_rs = PG_GETARG_ROYALTY_SPLIT_P(2);
	cd_split	outer = royalty_split_view(outer_rs);
	cd_split	inner = royalty_split_view(inner_rs);
	cd_split	out = royalty_split_scratch(outer.count + inner.count);
	cd_error	err;

	cd_error_clear(&err);
	if (!cd_split_nest(&outer, addr->bytes, &inner, &out, &err))
		cd_raise(&err);
	PG_RETURN_ROYALTY_SPLIT_P(royalty_split_from_core(&out));
}

PG_FUNCTION_INFO_V1(royalty_amount);
/*
 * royalty_amount(sale_price, royalty_bps): EIP-2981 as OpenZeppelin's
 * ERC2981.royaltyInfo computes it, floor(salePrice * fraction / 10000).
 * The product is taken in 512 bits (OpenZeppelin 5.1+ uses Math.mulDiv),
 * so any uint256 price works; the result never exceeds the price.
 */
Datum
royalty_amount(PG_FUNCTION_ARGS)
{
	int32		bps = PG_GETARG_INT32(1);
	cd_u256		price;
	cd_u256		fraction;
	cd_u256		denominator;
	cd_u256		result;

	PG_GETARG_U256(0, "sale_price", &price);
	if (bps < 0 || bps > 10000)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("royalty_bps out of range: %d", bps),
				 errdetail("A royalty is 0 to 10000 basis points (0%% to 100%%); ERC2981 refuses a fraction above its denominator.")));
	cd_u256_from_u64(&fraction, (uint64) bps);
	cd_u256_from_u64(&denominator, 10000);
	/* cannot fail: the denominator is not zero and the quotient <= price */
	cd_u256_muldiv(&price, &fraction, &denominator, &result, NULL);
	PG_RETURN_U256(&result);
}
