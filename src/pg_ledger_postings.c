/*
 * pg_ledger_postings.c - the posting set of a ledger transaction, checked and
 * grouped for ledger_post (src/sql/61_ledger_journal.sql)
 *
 * Also here: the postings of a payment through a royalty split
 * (ledger_split_postings), which buy, sell and distribute add to theirs.
 *
 * ledger_post needs three things from the postings it is given: the
 * non-zero postings in their order (what the journal records), a refusal
 * when they do not sum to zero in some asset (CD010), and the net change
 * of each (account, asset) holding in lock order.  In SQL that took three
 * statements over unnest() per ledger transaction, each with its executor
 * start-up; here it is one function call that PL/pgSQL evaluates as a
 * simple expression.
 */
#include "postgres.h"

#include "catalog/pg_collation.h"
#include "catalog/pg_type.h"
#include "fmgr.h"
/* funcapi.h pulls in executor headers with unused parameters (-Wextra) */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include "access/htup_details.h"
#include "funcapi.h"
#pragma GCC diagnostic pop
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/lsyscache.h"
#include "utils/numeric.h"
#include "utils/varlena.h"

#include "pg_asset.h"
#include "core/eth_address.h"
#include "pg_eth_address.h"
#include "pg_ledger.h"
#include "pg_numeric_u256.h"
#include "pg_royalty_split.h"

#define SQLSTATE_UNBALANCED MAKE_SQLSTATE('C', 'D', '0', '1', '0')
#define SQLSTATE_SYSTEM_ACCOUNT MAKE_SQLSTATE('C', 'D', '0', '0', '8')

/* The postings, deconstructed: element i of each array is posting i. */
typedef struct PostingSet
{
	Datum	   *accounts;		/* eth_address: 20 bytes, by reference (the
								 * SQL signature fixes the element types) */
	Datum	   *assets;			/* asset: varlena canonical text */
	Datum	   *amounts;		/* numeric; the non-zero ones get trimmed */
	Datum	   *kinds;			/* text */
} PostingSet;

/* asset order: the btree order of the asset type */
static int
compare_assets(Datum a, Datum b)
{
	return asset_compare_values(DatumGetAssetPP(a), DatumGetAssetPP(b));
}

/* kinds compare in byte order (the C collation) */
static int
compare_kinds(Datum a, Datum b)
{
	text	   *x = DatumGetTextPP(a);
	text	   *y = DatumGetTextPP(b);

	return varstr_cmp(VARDATA_ANY(x), VARSIZE_ANY_EXHDR(x), VARDATA_ANY(y), VARSIZE_ANY_EXHDR(y), C_COLLATION_OID);
}

/* the text output of a value of type typid */
static char *
output_of(Oid typid, Datum value)
{
	Oid			output_oid;
	bool		isvarlena;

	getTypeOutputInfo(typid, &output_oid, &isvarlena);
	return OidOutputFunctionCall(output_oid, value);
}

/* qsort_arg comparators over posting indexes */
static int
by_asset(const void *a, const void *b, void *arg)
{
	const PostingSet *set = arg;
	int			i = *(const int *) a;
	int			j = *(const int *) b;
	int			c = compare_assets(set->assets[i], set->assets[j]);

	return c != 0 ? c : (i > j) - (i < j);
}

/* (account, asset) of postings i and j: the ledger's lock order for holdings */
static int
compare_holdings(const PostingSet *set, int i, int j)
{
	int			c = memcmp(DatumGetPointer(set->accounts[i]), DatumGetPointer(set->accounts[j]),
						   CD_ETH_ADDRESS_LEN);

	return c != 0 ? c : compare_assets(set->assets[i], set->assets[j]);
}

static int
by_holding(const void *a, const void *b, void *arg)
{
	int			i = *(const int *) a;
	int			j = *(const int *) b;
	int			c = compare_holdings(arg, i, j);

	return c != 0 ? c : (i > j) - (i < j);
}

/* -1, 0 or 1 as x is below, at or above zero (NaN is above everything) */
static int
numeric_sign_of(Datum x)
{
	return DatumGetInt32(DirectFunctionCall2(numeric_cmp, x, NumericGetDatum(int64_to_numeric(0))));
}

static Datum
add_amounts(Datum a, Datum b)
{
	return DirectFunctionCall2(numeric_add, a, b);
}

static ArrayType *
build_array(Datum *values, int n, Oid elemtype)
{
	int16		typlen;
	bool		typbyval;
	char		typalign;

	get_typlenbyvalalign(elemtype, &typlen, &typbyval, &typalign);
	return construct_array(values, n, elemtype, typlen, typbyval, typalign);
}

PG_FUNCTION_INFO_V1(ledger_postings_normalize);
/*
 * ledger_postings_normalize(accounts eth_address[], assets asset[],
 * amounts numeric[], kinds text[]) returns (posting_accounts,
 * posting_assets, posting_amounts, holding_accounts, holding_assets,
 * holding_kinds, holding_deltas):
 *   posting_*  the postings with a non-zero amount, in their order, each
 *              amount without trailing fractional zeros (trim_scale);
 *   holding_*  per (account, asset), in that order, the sum of its
 *              postings when it is not zero, and its kind.
 * Raises CD010 naming the first asset, in asset order, whose non-zero
 * postings do not sum to zero, and CD008 when one holding is posted to
 * with two kinds.
 */
Datum
ledger_postings_normalize(PG_FUNCTION_ARGS)
{
	ArrayType  *accounts_arr = PG_GETARG_ARRAYTYPE_P(0);
	ArrayType  *assets_arr = PG_GETARG_ARRAYTYPE_P(1);
	ArrayType  *amounts_arr = PG_GETARG_ARRAYTYPE_P(2);
	ArrayType  *kinds_arr = PG_GETARG_ARRAYTYPE_P(3);
	Oid			account_type = ARR_ELEMTYPE(accounts_arr);
	Oid			asset_type = ARR_ELEMTYPE(assets_arr);
	TupleDesc	tupdesc;
	PostingSet	set;
	int			n,
				kept = 0,
				groups = 0,
				i;
	int		   *keep;
	Datum	   *p_accounts,
			   *p_assets,
			   *p_amounts,
			   *h_accounts,
			   *h_assets,
			   *h_kinds,
			   *h_deltas;
	Datum		values[7];
	bool		nulls[7] = {false};

	/* the OUT parameters make the result a record: anything else is a bug */
	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "ledger_postings_normalize: the result type is not a record");
	tupdesc = BlessTupleDesc(tupdesc);

	n = ledger_array_elements(accounts_arr, "accounts", &set.accounts);
	if (ledger_array_elements(assets_arr, "assets", &set.assets) != n ||
		ledger_array_elements(amounts_arr, "amounts", &set.amounts) != n ||
		ledger_array_elements(kinds_arr, "kinds", &set.kinds) != n)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("accounts, assets, amounts and kinds must have the same length")));

	keep = palloc(sizeof(int) * Max(n, 1));
	p_accounts = palloc(sizeof(Datum) * Max(n, 1));
	p_assets = palloc(sizeof(Datum) * Max(n, 1));
	p_amounts = palloc(sizeof(Datum) * Max(n, 1));
	for (i = 0; i < n; i++)
	{
		/* NaN compares above zero: it is kept, and fails the balance check */
		if (numeric_sign_of(set.amounts[i]) == 0)
			continue;
		set.amounts[i] = DirectFunctionCall1(numeric_trim_scale, set.amounts[i]);
		p_accounts[kept] = set.accounts[i];
		p_assets[kept] = set.assets[i];
		p_amounts[kept] = set.amounts[i];
		keep[kept++] = i;
	}

	/* every asset's postings sum to zero; report the first that does not */
	qsort_arg(keep, kept, sizeof(int), by_asset, &set);
	for (i = 0; i < kept;)
	{
		Datum		total = set.amounts[keep[i]];
		int			j = i + 1;

		while (j < kept && compare_assets(set.assets[keep[j]], set.assets[keep[i]]) == 0)
			total = add_amounts(total, set.amounts[keep[j++]]);
		if (numeric_sign_of(total) != 0)
			ereport(ERROR,
					(errcode(SQLSTATE_UNBALANCED),
					 errmsg("unbalanced ledger transaction: postings in asset %s sum to %s",
							output_of(asset_type, set.assets[keep[i]]),
							DatumGetCString(DirectFunctionCall1(numeric_out, total))),
					 errdetail("The postings of a transaction must sum to zero in every asset.")));
		i = j;
	}

	/* net change per holding, in lock order */
	h_accounts = palloc(sizeof(Datum) * Max(kept, 1));
	h_assets = palloc(sizeof(Datum) * Max(kept, 1));
	h_kinds = palloc(sizeof(Datum) * Max(kept, 1));
	h_deltas = palloc(sizeof(Datum) * Max(kept, 1));
	qsort_arg(keep, kept, sizeof(int), by_holding, &set);
	for (i = 0; i < kept;)
	{
		int			first = keep[i];
		Datum		delta = set.amounts[first];
		Datum		kind = set.kinds[first];	/* the same for all, or CD008 */
		int			j = i + 1;

		while (j < kept && compare_holdings(&set, keep[j], first) == 0)
		{
			Datum		other = set.kinds[keep[j]];
			int			order = compare_kinds(other, kind);

			delta = add_amounts(delta, set.amounts[keep[j]]);
			/*
			 * One holding has one kind: a user posting to a system account
			 * in the same transaction (a split paying the asset's own
			 * reserve, say) would otherwise merge into the system holding.
			 */
			if (order != 0)
				ereport(ERROR,
						(errcode(SQLSTATE_SYSTEM_ACCOUNT),
						 errmsg("account %s is posted to as both a %s and a %s account",
								output_of(account_type, set.accounts[first]),
								TextDatumGetCString(order < 0 ? other : kind),
								TextDatumGetCString(order < 0 ? kind : other)),
						 errdetail("A holding belongs to one kind of account; only the ledger itself posts to a system account.")));
			j++;
		}
		if (numeric_sign_of(delta) != 0)
		{
			h_accounts[groups] = set.accounts[first];
			h_assets[groups] = set.assets[first];
			h_kinds[groups] = kind;
			h_deltas[groups++] = delta;
		}
		i = j;
	}

	values[0] = PointerGetDatum(build_array(p_accounts, kept, account_type));
	values[1] = PointerGetDatum(build_array(p_assets, kept, asset_type));
	values[2] = PointerGetDatum(build_array(p_amounts, kept, NUMERICOID));
	values[3] = PointerGetDatum(build_array(h_accounts, groups, account_type));
	values[4] = PointerGetDatum(build_array(h_assets, groups, asset_type));
	values[5] = PointerGetDatum(build_array(h_kinds, groups, TEXTOID));
	values[6] = PointerGetDatum(build_array(h_deltas, groups, NUMERICOID));
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}

/*
 * The credits of split_distribute(split, amount, distributor) in its order
 * (the distributor's fee last), in the currency and of kind user; none for
 * 0.  With system_recipients, a recipient that is a system account whose
 * kind receives split payments is of its kind, with the distributor
 * recorded as the payer of its credit (pg_ledger_recipients.c).
 */
static Datum
split_postings(FunctionCallInfo fcinfo, bool system_recipients)
{
	cd_split	s = royalty_split_view(PG_GETARG_ROYALTY_SPLIT_P(0));
	EthAddress *distributor = PG_GETARG_ETH_ADDRESS_P(2);
	Datum		currency = PG_GETARG_DATUM(3);
	Oid			account_type = get_fn_expr_argtype(fcinfo->flinfo, 2);
	Oid			asset_type = get_fn_expr_argtype(fcinfo->flinfo, 3);
	cd_u256		amount;
	cd_u256		fee;
	cd_u256    *shares;
	TupleDesc	tupdesc;
	Datum	   *accounts;
	Datum	   *assets;
	Datum	   *amounts;
	Datum	   *kinds;
	Datum		user = CStringGetTextDatum("user");
	int			n = 0;
	Datum		values[4];
	bool		nulls[4] = {false};

	/* the OUT parameters make the result a record: anything else is a bug */
	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "ledger_split_postings: the result type is not a record");
	tupdesc = BlessTupleDesc(tupdesc);

	PG_GETARG_U256(1, "amount", &amount);
	accounts = palloc(sizeof(Datum) * (s.count + 1));
	assets = palloc(sizeof(Datum) * (s.count + 1));
	amounts = palloc(sizeof(Datum) * (s.count + 1));
	kinds = palloc(sizeof(Datum) * (s.count + 1));
	if (!cd_u256_is_zero(&amount))
	{
		shares = palloc(sizeof(cd_u256) * s.count);
		cd_split_distribute(&s, &amount, &fee, shares);
		for (uint32 i = 0; i < s.count; i++)
		{
			const char *kind = system_recipients ? ledger_recipient_kind(s.r[i].addr, fcinfo->flinfo->fn_oid) : NULL;

			kinds[n] = user;
			if (kind != NULL)
			{
				kinds[n] = CStringGetTextDatum(kind);
				if (!cd_u256_is_zero(&shares[i]))
					ledger_payer_record(s.r[i].addr, distributor->bytes);
			}
			accounts[n] = PointerGetDatum(s.r[i].addr);	/* its 20 bytes */
			amounts[n++] = NumericGetDatum(u256_get_numeric(&shares[i]));
		}
		if (s.fee != 0)
		{
			kinds[n] = user;
			accounts[n] = PointerGetDatum(distributor->bytes);
			amounts[n++] = NumericGetDatum(u256_get_numeric(&fee));
		}
	}
	for (int i = 0; i < n; i++)
		assets[i] = currency;
	values[0] = PointerGetDatum(build_array(accounts, n, account_type));
	values[1] = PointerGetDatum(build_array(assets, n, asset_type));
	values[2] = PointerGetDatum(build_array(amounts, n, NUMERICOID));
	values[3] = PointerGetDatum(build_array(kinds, n, TEXTOID));
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}

/*
 * ledger_split_postings(split, amount, distributor, currency): since 0.2.0
 * the SQL function is ledger_split_postings_to_kinds (a receiving system
 * account of its kind, its payer recorded); the 0.1.0 install script names
 * the symbol ledger_split_postings, which knows no receiving system
 * account (every credit of kind user).
 */
PG_FUNCTION_INFO_V1(ledger_split_postings_to_kinds);
PG_FUNCTION_INFO_V1(ledger_split_postings);

Datum
ledger_split_postings_to_kinds(PG_FUNCTION_ARGS)
{
	return split_postings(fcinfo, true);
}

Datum
ledger_split_postings(PG_FUNCTION_ARGS)
{
	return split_postings(fcinfo, false);
}
