/*
 * keccak256_loop.c - the limit for the keccak256 benchmark: the core's
 * Keccak-256 (src/core/keccak.c) called in a plain C loop over the same
 * inputs the SQL side hashes.
 *
 * Usage: keccak256_loop FILE [PASSES]
 * FILE holds one input per line in hex (written by bench/keccak256.sh
 * from the benchmark table, in id order).  Prints, on one line:
 *   rows=N bytes=B best_ms=T first=<hex digest of the first input>
 * best_ms is the best of PASSES (default 3) passes over all inputs.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "hex.h"
#include "keccak.h"

/* Monotonic time in milliseconds. */
static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Read all hex lines into one buffer with an offset table. */
int
main(int argc, char **argv)
{
	FILE	   *f;
	char	   *line = NULL;
	size_t		cap = 0;
	ssize_t		n;
	uint8_t    *data = NULL;
	size_t		data_len = 0;
	size_t		data_cap = 0;
	size_t	   *off = NULL;
	size_t		rows = 0;
	size_t		rows_cap = 0;
	uint8_t		digest[CD_KECCAK256_DIGEST_SIZE];
	uint8_t		sink = 0;
	char		first[2 * CD_KECCAK256_DIGEST_SIZE + 1];
	double		best = -1;
	int			pass;
	int			passes = argc > 2 ? atoi(argv[2]) : 3;

	if (argc < 2 || argc > 3 || passes < 1 || (f = fopen(argv[1], "r")) == NULL)
	{
		fprintf(stderr, "usage: keccak256_loop FILE [PASSES]\n");
		return 2;
	}
	while ((n = getline(&line, &cap, f)) > 0)
	{
		size_t		len;

		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			n--;
		len = (size_t) n / 2;
		if (data_len + len > data_cap)
		{
			data_cap = (data_len + len) * 2;
			data = realloc(data, data_cap);
		}
		if (rows + 2 > rows_cap)
		{
			rows_cap = rows_cap ? rows_cap * 2 : 1024;
			off = realloc(off, rows_cap * sizeof(size_t));
		}
		if (data == NULL || off == NULL || !cd_hex_decode(line, len, data + data_len))
		{
			fprintf(stderr, "keccak256_loop: bad input line %zu\n", rows + 1);
			return 1;
		}
		off[rows++] = data_len;
		data_len += len;
	}
	fclose(f);
	free(line);
	if (rows == 0)
	{
		fprintf(stderr, "keccak256_loop: no input\n");
		return 1;
	}
	off[rows] = data_len;

	for (pass = 0; pass < passes; pass++)
	{
		double		t0 = now_ms();
		double		t;
		size_t		i;

		for (i = 0; i < rows; i++)
		{
			cd_keccak256(data + off[i], off[i + 1] - off[i], digest);
			sink ^= digest[0];
		}
		t = now_ms() - t0;
		if (best < 0 || t < best)
			best = t;
	}
	cd_keccak256(data, off[1], digest);
	cd_hex_encode(digest, sizeof(digest), first);
	printf("rows=%zu bytes=%zu best_ms=%.3f first=%s sink=%u\n", rows, data_len, best, first, sink);
	free(data);
	free(off);
	return 0;
}
