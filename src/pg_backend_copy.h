/*
 * pg_backend_copy.h - a registry table copied into backend memory
 */
#ifndef PG_BACKEND_COPY_H
#define PG_BACKEND_COPY_H

#include "postgres.h"

/*
 * The copy of one registry table (relname, in the schema of the SQL
 * function that reads it): valid until the table's relcache entry is
 * invalidated; its rows live in context.  Static, zero-initialized but for
 * relname.
 */
typedef struct BackendCopy
{
	const char *relname;
	Oid			relid;
	bool		valid;
	bool		listed;			/* known to the relcache callback */
	MemoryContext context;
	void	   *rows;			/* what BackendCopyRows returned */
	int			count;			/* and its length */
} BackendCopy;

/*
 * The rows read, kept: from values[i * columns + j], column j of row i as
 * text, an array of n rows allocated in cxt (the copy's context, reset
 * before the read).
 */
typedef void *(*BackendCopyRows) (MemoryContext cxt, char **values, int n);

/*
 * (Re)load the copy: run query (over SPI, read only) and keep what rows
 * makes of its rows; the copy is valid from then on, until an
 * invalidation.
 */
extern void backend_copy_load(BackendCopy *copy, Oid namespace, const char *query, BackendCopyRows rows);

/*
 * Queue an invalidation of the table's relcache entry, so that every
 * backend (this one at once) reloads its copy.
 */
extern void backend_copy_forget(BackendCopy *copy, Oid namespace);

#endif							/* PG_BACKEND_COPY_H */
