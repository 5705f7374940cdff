/*
 * pg_spi_stream.h - run a prepared SPI plan and hand each row to a
 * callback as the executor produces it (src/pg_spi_stream.c)
 */
#ifndef PG_SPI_STREAM_H
#define PG_SPI_STREAM_H

#include "postgres.h"

/* executor headers with unused parameters (-Wextra) */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include "executor/spi.h"
#pragma GCC diagnostic pop

/* Takes one row (all its attributes deformed); false stops the scan. */
typedef bool (*spi_row_fn) (TupleTableSlot *slot, void *arg);

/*
 * Run plan (read-only, inside SPI_connect) with nargs parameters and pass
 * each of its rows, which must have natts columns, to row.  what names
 * the rows in errors ("the ancestors of a lineage").
 */
extern void spi_stream_rows(SPIPlanPtr plan, int nargs, const Datum *values, const Oid *types, int natts,
							spi_row_fn row, void *arg, const char *what);

#endif							/* PG_SPI_STREAM_H */
