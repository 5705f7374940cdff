/*
 * secp256k1_context.c - the one libsecp256k1 context of a process
 *
 * libsecp256k1's default illegal-argument and error callbacks call abort(),
 * which in a PostgreSQL backend would bring the whole server into crash
 * recovery.  We install callbacks that only set a flag.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <fcntl.h>
#include <unistd.h>

#include "secp256k1_context.h"

static secp256k1_context *process_context = NULL;
static volatile bool illegal_argument_seen = false;

static void
record_illegal_argument(const char *message, void *data)
{
	(void) message;
	(void) data;
	illegal_argument_seen = true;
}

bool
cd_secp256k1_take_illegal_argument(void)
{
	bool		seen = illegal_argument_seen;

	illegal_argument_seen = false;
	return seen;
}

/* 32 bytes from the kernel's CSPRNG for blinding; false if unavailable. */
static bool
random_seed(unsigned char seed[32])
{
	int			fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
	size_t		got = 0;

	if (fd < 0)
		return false;
	while (got < 32)
	{
		ssize_t		n = read(fd, seed + got, 32 - got);

		if (n <= 0)
			break;
		got += (size_t) n;
	}
	close(fd);
	return got == 32;
}

const secp256k1_context *
cd_secp256k1_context(cd_error *err)
{
	secp256k1_context *ctx;
	unsigned char seed[32];

	if (process_context != NULL)
		return process_context;

	secp256k1_selftest();
	ctx = secp256k1_context_create(SECP256K1_CONTEXT_NONE);
	if (ctx == NULL)
	{
		cd_fail(err, CD_ERR_NOMEM, "could not create a libsecp256k1 context");
		return NULL;
	}
	secp256k1_context_set_illegal_callback(ctx, record_illegal_argument, NULL);
	secp256k1_context_set_error_callback(ctx, record_illegal_argument, NULL);
	/* Blinding protects signing against side channels; verification does not need it, so a failure is not fatal. */
	if (random_seed(seed))
	{
		if (!secp256k1_context_randomize(ctx, seed))
			illegal_argument_seen = false;
	}
	process_context = ctx;
	return ctx;
}
