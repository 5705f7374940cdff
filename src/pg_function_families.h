/*
 * pg_function_families.h - the SQL-callable functions that every type
 * with btree and hash operator classes has, written once
 *
 * Each type defines its order once, as a static
 * int compare(FunctionCallInfo fcinfo) on arguments 0 and 1, and its
 * hashed bytes once; these macros then define the operator and support
 * functions named prefix_eq, prefix_lt, ... that the install script
 * declares (the symbol names are what the SQL references, so they stay).
 */
#ifndef PG_FUNCTION_FAMILIES_H
#define PG_FUNCTION_FAMILIES_H

#include "postgres.h"

#include "common/hashfn.h"
#include "fmgr.h"

/* One SQL-callable function: name(a, b) = test on compare(fcinfo). */
#define CD_COMPARE_FUNCTION(name, compare, result) \
	PG_FUNCTION_INFO_V1(name); \
	Datum \
	name(PG_FUNCTION_ARGS) \
	{ \
		int			c = compare(fcinfo); \
		\
		result; \
	}

/* a = b and a <> b */
#define CD_EQUALITY_FUNCTIONS(prefix, compare) \
	CD_COMPARE_FUNCTION(prefix##_eq, compare, PG_RETURN_BOOL(c == 0)) \
	CD_COMPARE_FUNCTION(prefix##_ne, compare, PG_RETURN_BOOL(c != 0))

/* a < b, a <= b, a > b, a >= b, and the btree support function (-1, 0 or 1) */
#define CD_ORDERING_FUNCTIONS(prefix, compare) \
	CD_COMPARE_FUNCTION(prefix##_lt, compare, PG_RETURN_BOOL(c < 0)) \
	CD_COMPARE_FUNCTION(prefix##_le, compare, PG_RETURN_BOOL(c <= 0)) \
	CD_COMPARE_FUNCTION(prefix##_gt, compare, PG_RETURN_BOOL(c > 0)) \
	CD_COMPARE_FUNCTION(prefix##_ge, compare, PG_RETURN_BOOL(c >= 0)) \
	CD_COMPARE_FUNCTION(prefix##_cmp, compare, PG_RETURN_INT32(c < 0 ? -1 : (c > 0 ? 1 : 0)))

/* min and max aggregate support: the smaller or the larger argument */
#define CD_MIN_MAX_FUNCTIONS(prefix, compare) \
	CD_COMPARE_FUNCTION(prefix##_smaller, compare, \
						PG_RETURN_DATUM(c <= 0 ? PG_GETARG_DATUM(0) : PG_GETARG_DATUM(1))) \
	CD_COMPARE_FUNCTION(prefix##_larger, compare, \
						PG_RETURN_DATUM(c >= 0 ? PG_GETARG_DATUM(0) : PG_GETARG_DATUM(1)))

/* One hash support function: name(value [, seed]) = hash_call over bytes_of(fcinfo, &len). */
#define CD_HASH_FUNCTION(name, bytes_of, hash_call) \
	PG_FUNCTION_INFO_V1(name); \
	Datum \
	name(PG_FUNCTION_ARGS) \
	{ \
		size_t		len; \
		const unsigned char *bytes = bytes_of(fcinfo, &len); \
		\
		return hash_call; \
	}

/*
 * Hash support, plain and extended (hash partitioning), over the bytes
 * bytes_of(fcinfo, &len) returns for argument 0: the canonical bytes, so
 * that equal values hash equal.
 */
#define CD_HASH_FUNCTIONS(prefix, bytes_of) \
	CD_HASH_FUNCTION(prefix##_hash, bytes_of, hash_any(bytes, (int) len)) \
	CD_HASH_FUNCTION(prefix##_hash_extended, bytes_of, \
					 hash_any_extended(bytes, (int) len, PG_GETARG_INT64(1)))

/*
 * A SQL-callable function that is one variant of a shared implementation:
 * name(...) = implementation(fcinfo, variant...), for SQL overloads and
 * families that differ only in a constant (bytea or text input, the core
 * function to call, the argument's name in messages).
 */
#define CD_FUNCTION_VARIANT(name, implementation, ...) \
	PG_FUNCTION_INFO_V1(name); \
	Datum \
	name(PG_FUNCTION_ARGS) \
	{ \
		return implementation(fcinfo, __VA_ARGS__); \
	}

#endif							/* PG_FUNCTION_FAMILIES_H */
