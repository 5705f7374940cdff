/*
 * pg_creative_defi.c - module entry point and the core-to-ereport bridge
 */
#include "postgres.h"

#include "fmgr.h"

#include "pg_creative_defi.h"
#include "core/secp256k1_context.h"

PG_MODULE_MAGIC;

void		_PG_init(void);

/*
 * Create (self-test and randomize) the libsecp256k1 context once per
 * backend, at library load, so that no SQL call pays for it.
 */
void
_PG_init(void)
{
	cd_error	err;

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
