/*
 * pg_spi_stream.c - run a prepared SPI plan and hand each row to a
 * callback as the executor produces it: no SPI tuple table, no copy of
 * the rows.  For the C functions that read many rows and keep only what
 * they pack from them (a liabilities snapshot's balances, a lineage's
 * links), so that their memory does not grow with the rows' width.
 */
#include "pg_spi_stream.h"

#include "nodes/params.h"

typedef struct RowStream
{
	DestReceiver pub;
	spi_row_fn	row;
	void	   *arg;
	int			natts;
	const char *what;
} RowStream;

static bool
stream_row(TupleTableSlot *slot, DestReceiver *self)
{
	RowStream  *s = (RowStream *) self;

	slot_getallattrs(slot);
	return s->row(slot, s->arg);
}

static void
stream_startup(DestReceiver *self, int operation, TupleDesc typeinfo)
{
	RowStream  *s = (RowStream *) self;

	(void) operation;
	if (typeinfo->natts != s->natts)
		elog(ERROR, "the query of %s returned %d columns, not %d", s->what, typeinfo->natts, s->natts);
}

static void
stream_nothing(DestReceiver *self)
{
	(void) self;
}

void
spi_stream_rows(SPIPlanPtr plan, int nargs, const Datum *values, const Oid *types, int natts,
				spi_row_fn row, void *arg, const char *what)
{
	ParamListInfo params = makeParamList(nargs);
	RowStream	stream;
	SPIExecuteOptions options;

	for (int i = 0; i < nargs; i++)
	{
		params->params[i].value = values[i];
		params->params[i].isnull = false;
		params->params[i].pflags = PARAM_FLAG_CONST;
		params->params[i].ptype = types[i];
	}
	memset(&stream, 0, sizeof(stream));
	stream.pub.receiveSlot = stream_row;
	stream.pub.rStartup = stream_startup;
	stream.pub.rShutdown = stream_nothing;
	stream.pub.rDestroy = stream_nothing;
	stream.pub.mydest = DestNone;
	stream.row = row;
	stream.arg = arg;
	stream.natts = natts;
	stream.what = what;
	memset(&options, 0, sizeof(options));
	options.params = params;
	options.read_only = true;
	options.dest = &stream.pub;
	/* a SELECT into a receiver of DestNone reports SPI_OK_UTILITY */
	if (SPI_execute_plan_extended(plan, &options) < 0)
		elog(ERROR, "could not read %s", what);
}
