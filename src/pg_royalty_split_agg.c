/*
 * pg_royalty_split_agg.c - royalty_split_agg(recipient, weight): a split from
 * arbitrary non-negative weights
 *
 * Weights are arbitrary-precision numerics (attribution scores, hours,
 * token balances), so the normalization is done in PostgreSQL's exact
 * numeric arithmetic rather than in the uint256 core: share_i =
 * floor(1e6 * w_i / W), then the leftover ppm one each to the largest
 * remainders, ties by larger weight, then lower address (the same rule as
 * split_distribute).  The core then validates the result.
 *
 * The state is `internal`, so the transition function cannot be STRICT
 * (PostgreSQL requires a non-strict transition function for an internal
 * state without an initial value); it skips rows whose recipient or weight
 * is NULL, as aggregates usually ignore NULLs.
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/numeric.h"

#include "pg_creative_defi.h"
#include "pg_eth_address.h"
#include "pg_royalty_split.h"

typedef struct SplitAggEntry
{
	uint8		addr[CD_ETH_ADDRESS_LEN];
	Numeric		weight;
	Numeric		remainder;		/* set by the final function */
	int64		share;
} SplitAggEntry;

typedef struct SplitAggState
{
	int			n;
	int			cap;
	SplitAggEntry *entries;
} SplitAggState;

PG_FUNCTION_INFO_V1(royalty_split_agg_transfn);
/*
 * Transition: remember (recipient, weight); a negative or non-finite
 * weight is an error right away.
 */
Datum
royalty_split_agg_transfn(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext;
	MemoryContext old;
	SplitAggState *state;
	EthAddress *addr;
	Numeric		weight;

	if (!AggCheckCallContext(fcinfo, &aggcontext))
		elog(ERROR, "royalty_split_agg_transfn called in non-aggregate context");
	state = PG_ARGISNULL(0) ? NULL : (SplitAggState *) PG_GETARG_POINTER(0);
	if (state == NULL)
	{
		state = MemoryContextAllocZero(aggcontext, sizeof(SplitAggState));
		state->cap = 16;
		state->entries = MemoryContextAlloc(aggcontext, sizeof(SplitAggEntry) * state->cap);
	}
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		PG_RETURN_POINTER(state);
	addr = PG_GETARG_ETH_ADDRESS_P(1);
	weight = PG_GETARG_NUMERIC(2);
	if (numeric_is_nan(weight) || numeric_is_inf(weight))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("royalty_split_agg weight must be a finite number")));
	if (DatumGetInt32(DirectFunctionCall2(numeric_cmp, NumericGetDatum(weight),
										  NumericGetDatum(int64_to_numeric(0)))) < 0)
	{
		char		text[CD_ETH_ADDRESS_TEXT_LEN];

		cd_eth_address_format(addr->bytes, text);
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("royalty_split_agg weight must not be negative"),
				 errdetail("The weight of %s is %s.", text,
						   DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(weight))))));
	}
	old = MemoryContextSwitchTo(aggcontext);
	if (state->n == state->cap)
	{
		state->cap *= 2;
		state->entries = repalloc_huge(state->entries, sizeof(SplitAggEntry) * state->cap);
	}
	memcpy(state->entries[state->n].addr, addr->bytes, CD_ETH_ADDRESS_LEN);
	state->entries[state->n].weight = DatumGetNumeric(datumCopy(NumericGetDatum(weight), false, -1));
	state->n++;
	MemoryContextSwitchTo(old);
	PG_RETURN_POINTER(state);
}

/* qsort: by address */
static int
cmp_address(const void *a, const void *b)
{
	return memcmp(((const SplitAggEntry *) a)->addr, ((const SplitAggEntry *) b)->addr, CD_ETH_ADDRESS_LEN);
}

/* numeric comparison helper */
static int
num_cmp(Numeric a, Numeric b)
{
	return DatumGetInt32(DirectFunctionCall2(numeric_cmp, NumericGetDatum(a), NumericGetDatum(b)));
}

/* qsort: larger remainder first, then larger weight, then lower address */
static int
cmp_priority(const void *a, const void *b)
{
	const SplitAggEntry *x = (const SplitAggEntry *) a;
	const SplitAggEntry *y = (const SplitAggEntry *) b;
	int			c = num_cmp(y->remainder, x->remainder);

	if (c != 0)
		return c;
	c = num_cmp(y->weight, x->weight);
	if (c != 0)
		return c;
	return memcmp(x->addr, y->addr, CD_ETH_ADDRESS_LEN);
}

PG_FUNCTION_INFO_V1(royalty_split_agg_finalfn);
/*
 * Final: merge equal recipients (their weights add up), drop zero
 * weights, normalize to ppm by largest remainder, drop recipients whose
 * share rounds to 0 ppm, validate.  Works on a copy, so it may run more
 * than once (window aggregates).
 */
Datum
royalty_split_agg_finalfn(PG_FUNCTION_ARGS)
{
	SplitAggState *state = (SplitAggState *) PG_GETARG_POINTER(0);
	SplitAggEntry *e;
	Numeric		zero = int64_to_numeric(0);
	Numeric		scale = int64_to_numeric(CD_SPLIT_SCALE);
	Numeric		total = zero;
	int64		assigned = 0;
	int			n = 0;
	int			i;
	cd_split	s;

	e = palloc(sizeof(SplitAggEntry) * Max(state->n, 1));
	memcpy(e, state->entries, sizeof(SplitAggEntry) * state->n);
	qsort(e, state->n, sizeof(SplitAggEntry), cmp_address);
	for (i = 0; i < state->n; i++)
	{
		if (n > 0 && memcmp(e[n - 1].addr, e[i].addr, CD_ETH_ADDRESS_LEN) == 0)
			e[n - 1].weight = numeric_add_opt_error(e[n - 1].weight, e[i].weight, NULL);
		else
			e[n++] = e[i];
	}
	/* drop zero weights */
	{
		int			kept = 0;

		for (i = 0; i < n; i++)
			if (num_cmp(e[i].weight, zero) > 0)
				e[kept++] = e[i];
		n = kept;
	}
	if (n == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("royalty_split_agg needs at least one positive weight"),
				 errdetail("Every weight was zero, so there is nothing to split.")));
	if (n > CD_SPLIT_MAX_RECIPIENTS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("royalty_split has too many recipients: %d", n),
				 errdetail("A split has at most %d recipients.", CD_SPLIT_MAX_RECIPIENTS),
				 errhint("Group small recipients into a nested split of their own.")));
	for (i = 0; i < n; i++)
		total = numeric_add_opt_error(total, e[i].weight, NULL);
	for (i = 0; i < n; i++)
	{
		Numeric		t = numeric_mul_opt_error(e[i].weight, scale, NULL);
		Numeric		q = DatumGetNumeric(DirectFunctionCall2(numeric_div_trunc,
														   NumericGetDatum(t), NumericGetDatum(total)));

		e[i].share = DatumGetInt64(DirectFunctionCall1(numeric_int8, NumericGetDatum(q)));
		e[i].remainder = numeric_sub_opt_error(t, numeric_mul_opt_error(q, total, NULL), NULL);
		assigned += e[i].share;
	}
	/* fewer than n ppm are left over: one each by priority */
	qsort(e, n, sizeof(SplitAggEntry), cmp_priority);
	for (i = 0; i < (int) (CD_SPLIT_SCALE - assigned); i++)
		e[i].share++;
	s = royalty_split_scratch(n);
	for (i = 0; i < n; i++)
	{
		if (e[i].share == 0)
			continue;
		memcpy(s.r[s.count].addr, e[i].addr, CD_ETH_ADDRESS_LEN);
		s.r[s.count].share = (uint32) e[i].share;
		s.count++;
	}
	PG_RETURN_ROYALTY_SPLIT_P(royalty_split_normalized(&s));
}
