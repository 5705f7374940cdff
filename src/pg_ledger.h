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

/*
 * The kind of a system account that a royalty split may pay (its kind
 * receives split payments), or NULL for any other account; fn_oid is the
 * calling SQL function's (pg_ledger_recipients.c).
 */
extern const char *ledger_recipient_kind(const uint8 *address, Oid fn_oid);

/* Record payer as the payer of the next credit of a system account. */
extern void ledger_payer_record(const uint8 *account, const uint8 *payer);

#endif							/* LEDGER_H */
