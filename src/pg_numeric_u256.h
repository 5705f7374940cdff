/*
 * pg_numeric_u256.h - converting SQL numeric amounts to and from cd_u256
 */
#ifndef NUMERIC_U256_H
#define NUMERIC_U256_H

#include "postgres.h"

#include "fmgr.h"
#include "utils/numeric.h"

#include "core/uint256.h"

/*
 * The uint256 value of an integral, non-negative numeric; raises an error
 * naming `what` (e.g. "amount") for NaN, infinity, a fractional part, a
 * negative value (22023) or a value above 2^256 - 1 (22003).
 */
extern void numeric_get_u256(Numeric num, const char *what, cd_u256 *out);

/*
 * The same from a numeric Datum, reading a packed (short-header) value in
 * place instead of copying it: what PG_GETARG_U256 uses.
 */
extern void numeric_datum_get_u256(Datum d, const char *what, cd_u256 *out);

/*
 * Arguments 0 to n - 1 of a function as uint256 values, argument i named
 * names[i] in errors.
 */
extern void numeric_args_get_u256(FunctionCallInfo fcinfo, const char *const names[], int n,
								  cd_u256 out[]);

/* A numeric (scale 0) holding v. */
extern Numeric u256_get_numeric(const cd_u256 *v);

#define PG_GETARG_U256(n, what, out) numeric_datum_get_u256(PG_GETARG_DATUM(n), (what), (out))
#define PG_RETURN_U256(v) PG_RETURN_NUMERIC(u256_get_numeric(v))

#endif							/* NUMERIC_U256_H */
