/*
 * pg_creative_defi.h - shared glue: turning core errors into PostgreSQL errors
 */
#ifndef CREATIVE_DEFI_H
#define CREATIVE_DEFI_H

#include "postgres.h"

#include "core/cd_error.h"

/* The SQLSTATE for a core error code. */
extern int	cd_sqlstate(cd_errcode code);

/*
 * Raise err as ereport(ERROR).  Call only after the core has released any
 * library memory it held: this longjmps.
 */
extern void cd_raise(const cd_error *err) pg_attribute_noreturn();

#endif							/* CREATIVE_DEFI_H */
