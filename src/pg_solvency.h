/*
 * pg_solvency.h - what the liabilities snapshot's builder
 * (pg_solvency_snapshot.c) shares with the rest of the solvency glue
 */
#ifndef PG_SOLVENCY_H
#define PG_SOLVENCY_H

#include "postgres.h"

/*
 * Fill out[0 .. len) from the server's cryptographically strong
 * generator (the leaves' salts), or raise an error.
 */
extern void solvency_random_bytes(uint8 *out, size_t len);

#endif							/* PG_SOLVENCY_H */
