/*
 * pg_dividends.c - the test a trade's holdings trigger runs to know whether
 * an asset pays dividends (src/sql/90_dividends.sql)
 *
 * The dividends area settles a holder's entitlement in a trigger on
 * ledger_holdings, so that the core never names the area.  The trigger's
 * WHEN clause runs for every holding every ledger transaction changes, so
 * the test must cost next to nothing for an asset without dividends: a
 * SQL lookup there (a function with a query, planned per statement) costs
 * a trade several percent.  This file keeps the set of assets with
 * dividends in backend memory, sorted, and answers with a binary search.
 *
 * The set is a copy of the registry table (dividend_assets, in the
 * schema of the calling function, so that no schema is written here),
 * kept by pg_backend_copy.c: dividends_enable calls dividends_forget, so
 * every backend reloads it once the enabling transaction commits.
 *
 * The WHEN clause is this one call with two columns: the executor reads
 * a trigger's WHEN back from its stored node text and plans it in every
 * statement that updates the table, so a shorter expression costs every
 * trade less.
 */
#include "postgres.h"

#include "fmgr.h"
#include "catalog/namespace.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"

#include "pg_asset.h"
#include "pg_backend_copy.h"

/* the copy of the registry: its assets, sorted (DividendAsset) */
static BackendCopy dividend_copy = {.relname = "dividend_assets"};

/* One asset of the set: its canonical text, not NUL-terminated. */
typedef struct DividendAsset
{
	int			len;
	char	   *bytes;
} DividendAsset;

/* the asset btree order: bytes, then length (asset_compare_values) */
static int
compare_dividend_assets(const void *a, const void *b)
{
	const DividendAsset *x = a;
	const DividendAsset *y = b;
	int			c = memcmp(x->bytes, y->bytes, Min(x->len, y->len));

	if (c != 0)
		return c;
	return (x->len > y->len) - (x->len < y->len);
}

/* the registry's rows: its assets, sorted */
static void *
dividend_assets_copy(MemoryContext cxt, char **values, int n)
{
	DividendAsset *assets = MemoryContextAlloc(cxt, sizeof(DividendAsset) * Max(n, 1));

	for (int i = 0; i < n; i++)
		assets[i] = (DividendAsset) {.len = (int) strlen(values[i]), .bytes = values[i]};
	qsort(assets, n, sizeof(DividendAsset), compare_dividend_assets);
	return assets;
}

PG_FUNCTION_INFO_V1(dividends_watched);
/*
 * dividends_watched(kind text, asset asset) returns boolean: whether a
 * holding of this kind and asset concerns the dividends area: a dividend
 * account's (a payment or a claim), or a user's holding of an asset with
 * dividends (from the backend's copy of the registry).
 */
Datum
dividends_watched(PG_FUNCTION_ARGS)
{
	text	   *kind = PG_GETARG_TEXT_PP(0);
	Asset	   *asset;
	DividendAsset key;

	if (VARSIZE_ANY_EXHDR(kind) == 8 && memcmp(VARDATA_ANY(kind), "dividend", 8) == 0)
		PG_RETURN_BOOL(true);
	if (VARSIZE_ANY_EXHDR(kind) != 4 || memcmp(VARDATA_ANY(kind), "user", 4) != 0)
		PG_RETURN_BOOL(false);
	if (!dividend_copy.valid)
	{
		Oid			namespace = get_func_namespace(fcinfo->flinfo->fn_oid);

		backend_copy_load(&dividend_copy, namespace,
						  psprintf("SELECT asset::text FROM %s.dividend_assets",
								   quote_identifier(get_namespace_name(namespace))),
						  dividend_assets_copy);
	}
	if (dividend_copy.count == 0)
		PG_RETURN_BOOL(false);
	asset = PG_GETARG_ASSET_PP(1);
	key.len = (int) ASSET_LEN(asset);
	key.bytes = ASSET_DATA(asset);
	PG_RETURN_BOOL(bsearch(&key, dividend_copy.rows, dividend_copy.count, sizeof(DividendAsset),
						   compare_dividend_assets) != NULL);
}

PG_FUNCTION_INFO_V1(dividends_forget);
/*
 * dividends_forget(): queue an invalidation of the registry's relcache
 * entry, so that every backend (this one at once) reloads its copy of the
 * set of assets with dividends.
 */
Datum
dividends_forget(PG_FUNCTION_ARGS)
{
	backend_copy_forget(&dividend_copy, get_func_namespace(fcinfo->flinfo->fn_oid));
	PG_RETURN_VOID();
}
