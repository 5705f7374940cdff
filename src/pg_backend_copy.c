/*
 * pg_backend_copy.c - a registry table copied into backend memory
 *
 * A test that runs in every trade (the holdings trigger's WHEN in
 * pg_dividends.c, the recipients of a royalty split in
 * pg_ledger_recipients.c) cannot afford a query: it searches a copy of
 * the registry in backend memory instead.  The copy is loaded on first
 * use and again after the table's relcache entry is invalidated: the
 * function that changes the registry calls backend_copy_forget, which
 * queues that invalidation, so every backend reloads once the changing
 * transaction commits (PostgreSQL delivers the message before a backend's
 * next lock on a relation, i.e. before its next statement), and this one
 * at once.
 */
#include "postgres.h"

/* spi.h pulls in executor headers with unused parameters (-Wextra) */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include "executor/spi.h"
#pragma GCC diagnostic pop
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"

#include "pg_backend_copy.h"

/* the copies the relcache callback drops (one per registry kept) */
#define MAX_COPIES 4
static BackendCopy *copies[MAX_COPIES];
static int	copy_count = 0;

/* relcache callback: an invalidation of a registry drops its copy */
static void
backend_copy_invalidate(Datum arg, Oid relid)
{
	(void) arg;
	for (int i = 0; i < copy_count; i++)
		if (relid == InvalidOid || relid == copies[i]->relid)
			copies[i]->valid = false;
}

void
backend_copy_load(BackendCopy *copy, Oid namespace, const char *query, BackendCopyRows rows)
{
	Oid			relid = get_relname_relid(copy->relname, namespace);
	char	  **values;
	int			n,
				columns;

	if (!copy->listed)
	{
		if (copy_count == MAX_COPIES)
			elog(ERROR, "too many registries copied into backend memory");
		if (copy_count == 0)
			CacheRegisterRelcacheCallback(backend_copy_invalidate, (Datum) 0);
		copies[copy_count++] = copy;
		copy->listed = true;
	}
	if (copy->context == NULL)
	{
		copy->context = AllocSetContextCreate(TopMemoryContext, "creative_defi registry copy", ALLOCSET_SMALL_SIZES);
		MemoryContextSetIdentifier(copy->context, copy->relname);
	}
	if (!OidIsValid(relid))
		elog(ERROR, "the registry %s is missing", copy->relname);
	/* valid from here on: an invalidation during the read makes it stale */
	copy->relid = relid;
	copy->valid = true;
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (SPI_execute(query, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "reading the registry %s failed", copy->relname);
	MemoryContextReset(copy->context);
	n = (int) SPI_processed;
	columns = SPI_tuptable->tupdesc->natts;
	values = MemoryContextAlloc(copy->context, sizeof(char *) * Max(n * columns, 1));
	for (int i = 0; i < n; i++)
		for (int j = 0; j < columns; j++)
			values[i * columns + j] = MemoryContextStrdup(copy->context,
														  SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, j + 1));
	SPI_finish();
	copy->rows = rows(copy->context, values, n);
	copy->count = n;
}

void
backend_copy_forget(BackendCopy *copy, Oid namespace)
{
	Oid			relid = get_relname_relid(copy->relname, namespace);

	if (OidIsValid(relid))
		CacheInvalidateRelcacheByRelid(relid);
	copy->valid = false;
}
