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
 * The set is loaded from the registry table (dividend_assets, in the
 * schema of the calling function, so that no schema is written here) on
 * first use and again after the table's relcache entry is invalidated:
 * dividends_enable calls dividends_forget, which queues that invalidation,
 * so every backend reloads once the enabling transaction commits
 * (PostgreSQL delivers the message before a backend's next lock on a
 * relation, i.e. before its next statement).
 *
 * The WHEN clause is this one call with two columns: the executor reads
 * a trigger's WHEN back from its stored node text and plans it in every
 * statement that updates the table, so a shorter expression costs every
 * trade less.
 */
#include "postgres.h"

#include "fmgr.h"
/* spi.h pulls in executor headers with unused parameters (-Wextra) */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include "executor/spi.h"
#pragma GCC diagnostic pop
#include "catalog/namespace.h"
#include "utils/builtins.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"

#include "pg_asset.h"

/* One asset of the set: its canonical text, not NUL-terminated. */
typedef struct DividendAsset
{
	int			len;
	char	   *bytes;
} DividendAsset;

static DividendAsset *dividend_assets = NULL;
static int	dividend_asset_count = 0;
static bool dividend_assets_valid = false;
static Oid	dividend_assets_relid = InvalidOid;
static bool dividend_callback_registered = false;
static MemoryContext dividend_context = NULL;

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

/* relcache callback: any invalidation of the registry drops the set */
static void
dividend_assets_invalidate(Datum arg, Oid relid)
{
	(void) arg;
	if (relid == InvalidOid || relid == dividend_assets_relid)
		dividend_assets_valid = false;
}

/* Read the registry into backend memory (SPI; nothing malloc'd). */
static void
dividend_assets_load(Oid namespace)
{
	char	   *query;
	int			n;
	Oid			relid = get_relname_relid("dividend_assets", namespace);

	if (!dividend_callback_registered)
	{
		CacheRegisterRelcacheCallback(dividend_assets_invalidate, (Datum) 0);
		dividend_callback_registered = true;
	}
	if (dividend_context == NULL)
		dividend_context = AllocSetContextCreate(TopMemoryContext, "creative_defi dividend assets",
												 ALLOCSET_SMALL_SIZES);
	if (!OidIsValid(relid))
		elog(ERROR, "the registry of assets with dividends is missing");
	query = psprintf("SELECT asset::text FROM %s.dividend_assets",
					 quote_identifier(get_namespace_name(namespace)));
	/* valid from here on: an invalidation during the read makes it stale */
	dividend_assets_relid = relid;
	dividend_assets_valid = true;
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (SPI_execute(query, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "reading the assets with dividends failed");
	MemoryContextReset(dividend_context);
	n = (int) SPI_processed;
	dividend_assets = MemoryContextAlloc(dividend_context, sizeof(DividendAsset) * Max(n, 1));
	for (int i = 0; i < n; i++)
	{
		char	   *text = SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1);

		dividend_assets[i].len = (int) strlen(text);
		dividend_assets[i].bytes = MemoryContextStrdup(dividend_context, text);
	}
	dividend_asset_count = n;
	qsort(dividend_assets, n, sizeof(DividendAsset), compare_dividend_assets);
	SPI_finish();
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
	if (!dividend_assets_valid)
		dividend_assets_load(get_func_namespace(fcinfo->flinfo->fn_oid));
	if (dividend_asset_count == 0)
		PG_RETURN_BOOL(false);
	asset = PG_GETARG_ASSET_PP(1);
	key.len = (int) ASSET_LEN(asset);
	key.bytes = ASSET_DATA(asset);
	PG_RETURN_BOOL(bsearch(&key, dividend_assets, dividend_asset_count, sizeof(DividendAsset),
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
	Oid			relid = get_relname_relid("dividend_assets", get_func_namespace(fcinfo->flinfo->fn_oid));

	if (OidIsValid(relid))
		CacheInvalidateRelcacheByRelid(relid);
	dividend_assets_valid = false;
	PG_RETURN_VOID();
}
