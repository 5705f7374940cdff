/*
 * apportion.h - an amount shared among any number of integer weights of
 * any size, by largest remainder, exact to the base unit
 *
 * Data-set attribution (docs/attribution.md) pays n contributors with
 * weights w_1 .. w_n (positive integers, no bound on their size or on n)
 * an amount A:
 *   share_i = floor(A * w_i / W) + (1 if i is among the A - sum of the
 *             floors largest remainders (A * w_i) mod W, else 0),
 * W the sum of the weights; ties between equal remainders go to the lower
 * index (the SQL side orders contributors by address, so the lower
 * address).  Every share is the floor or the floor + 1 of the exact
 * quotient, and the shares add up to A: no dust.  It is the rule of
 * royalty_split.c's apportion, whose shares are parts of 10^6 and whose
 * keys pack into a word; here remainders are as wide as W, so they are
 * GMP integers, selected through the same heap (heap.h).
 */
#ifndef CD_APPORTION_H
#define CD_APPORTION_H

#include <stdbool.h>
#include <stddef.h>

#include "cd_error.h"
#include "uint256.h"

/*
 * shares[0 .. n-1] (caller-provided) get the parts of amount for the
 * weights given as decimal digits (no sign, no leading zero).  False, with
 * err filled, for no weight, a weight that is not such a positive integer
 * (CD_ERR_PARAM) or no memory (CD_ERR_NOMEM).  Memory O(n + the weights'
 * digits), malloc'd and freed before it returns.
 */
extern bool cd_apportion(size_t n, const char *const weights[], const cd_u256 *amount, cd_u256 *shares,
						 cd_error *err);

#endif							/* CD_APPORTION_H */
