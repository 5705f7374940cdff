/*
 * pg_creative_defi.c - module entry point and the core-to-ereport bridge
 */
#include "postgres.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "fmgr.h"

#include "pg_creative_defi.h"
#include "core/secp256k1_context.h"

PG_MODULE_MAGIC;

void		_PG_init(void);

/*
 * Keep up to this much freed memory at the top of the heap instead of
 * giving it back to the kernel at each free (glibc's default: 128 kB).  A
 * payment into a work with 1,000 ancestors builds and frees about 1 MB of
 * arrays (the lineage, its links, the amounts); with the default, glibc
 * shrank the heap after every payment and the next one faulted the pages
 * in again, and on a loaded machine the shrinking's TLB flushes took most
 * of the payment's time (bench/lineage.sh: 5.5 ms instead of 1.6 ms).
 */
#define CD_MALLOC_TRIM_THRESHOLD (8 * 1024 * 1024)

/*
 * Create (self-test and randomize) the libsecp256k1 context once per
 * backend, at library load, so that no SQL call pays for it; and set the
 * backend's malloc trim threshold (above).
 */
void
_PG_init(void)
{
	cd_error	err;

#ifdef __GLIBC__
	mallopt(M_TRIM_THRESHOLD, CD_MALLOC_TRIM_THRESHOLD);
#endif
	cd_error_clear(&err);
	if (cd_secp256k1_context(&err) == NULL)
		cd_raise(&err);
}

int
cd_sqlstate(cd_errcode code)
{
	switch (code)
	{
		case CD_ERR_SYNTAX:
			return ERRCODE_INVALID_TEXT_REPRESENTATION;
		case CD_ERR_RANGE:
			return ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE;
		case CD_ERR_PARAM:
			return ERRCODE_INVALID_PARAMETER_VALUE;
		case CD_ERR_DATA:
			return ERRCODE_DATA_EXCEPTION;
		case CD_ERR_BINARY:
			return ERRCODE_INVALID_BINARY_REPRESENTATION;
		case CD_ERR_LIMIT:
			return ERRCODE_PROGRAM_LIMIT_EXCEEDED;
		case CD_ERR_DIVISION:
			return ERRCODE_DIVISION_BY_ZERO;
		case CD_ERR_NOMEM:
			return ERRCODE_OUT_OF_MEMORY;
		case CD_ERR_LIBRARY:
		case CD_OK:
			break;
	}
	return ERRCODE_EXTERNAL_ROUTINE_EXCEPTION;
}

void
cd_raise(const cd_error *err)
{
	ereport(ERROR,
			(errcode(cd_sqlstate(err->code)),
			 errmsg_internal("%s", err->message),
			 err->detail[0] ? errdetail_internal("%s", err->detail) : 0,
			 err->hint[0] ? errhint("%s", err->hint) : 0));
	pg_unreachable();
}
