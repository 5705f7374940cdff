/*
 * pg_ledger.h - helpers shared by the ledger's C functions
 */
#ifndef LEDGER_H
#define LEDGER_H

#include "postgres.h"

#include "utils/array.h"

/*
 * Deconstruct a one-dimensional array argument without NULL elements into
 * *values and return its length; name says which argument an error is
 * about.
 */
extern int	ledger_array_elements(ArrayType *arr, const char *name, Datum **values);

#endif							/* LEDGER_H */
