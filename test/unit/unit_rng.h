/*
 * unit_rng.h - splitmix64, the random stream of the randomized unit tests:
 * every seed, zero included, gives a full-period stream
 */
#ifndef UNIT_RNG_H
#define UNIT_RNG_H

#include <stdint.h>

static inline uint64_t
splitmix64_next(uint64_t *state)
{
	uint64_t	z = (*state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

#endif							/* UNIT_RNG_H */
