/*
 * test_der.c - the strict DER signature parser: what it accepts, every
 * leniency it refuses, and that encoding round-trips
 */
#include <stdlib.h>

#include "unit.h"
#include "core/der.h"

/* Parse hex; returns the parser's verdict and leaves r, s filled. */
static bool
parse_hex(const char *hex, uint8_t r[32], uint8_t s[32])
{
	uint8_t		der[128];
	size_t		len = strlen(hex) / 2;
	cd_error	err;

	if (len > sizeof(der) || !cd_hex_decode(hex, len, der))
		abort();
	cd_error_clear(&err);
	if (!cd_der_parse_ecdsa_signature(der, len, r, s, &err))
	{
		/* every refusal is a data error with a message */
		CHECK(err.code == CD_ERR_DATA && err.message[0] != '\0');
		return false;
	}
	return true;
}

static void
test_accepts(void)
{
	uint8_t		r[32];
	uint8_t		s[32];

	/* smallest: r = 1, s = 2 */
	CHECK(parse_hex("3006020101020102", r, s));
	CHECK(r[31] == 1 && s[31] == 2 && r[0] == 0 && s[30] == 0);
	/* zero is a valid encoding (the range check is the verifier's job) */
	CHECK(parse_hex("3006020100020101", r, s));
	CHECK(r[31] == 0);
	/* a sign byte before a high bit is required and stripped */
	CHECK(parse_hex("300702020080020101", r, s));
	CHECK(r[31] == 0x80 && r[30] == 0);
	/* 33-byte integers whose first byte only carries the sign */
	CHECK(parse_hex("3046022100ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
					"022100ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", r, s));
	CHECK(r[0] == 0xff && s[31] == 0xff);
}

static void
test_refuses(void)
{
	uint8_t		r[32];
	uint8_t		s[32];
	static const char *const bad[] = {
		"",						/* empty */
		"30",					/* no length */
		"3106020101020102",		/* not a SEQUENCE */
		"3007020101020102",		/* length says more than follows */
		"3005020101020102",		/* length says less than follows */
		"300602010102010200",	/* trailing byte */
		"308106020101020102",	/* long-form length */
		"3080020101020102" "0000",	/* indefinite length */
		"3006030101020102",		/* r is not an INTEGER */
		"3006020101030102",		/* s is not an INTEGER */
		"30040200020102",		/* r is empty */
		"3006020181020102",		/* r is negative */
		"300702020001020102",	/* r has a superfluous zero */
		"3007020101020200ff" "00",	/* s truncated / overrun */
		"30060201010202",		/* s runs past the end */
		"300402010102",			/* s header without length */
		"3002" "0201",			/* r header truncated */
		"3027022201" "000000000000000000000000000000000000000000000000000000000000000000" "020101",	/* r of 34 bytes */
		"3026022101" "0000000000000000000000000000000000000000000000000000000000000000" "020101",	/* r of 33 bytes, no sign byte */
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
	{
		bool		ok = parse_hex(bad[i], r, s);

		if (ok)
			fprintf(stderr, "accepted: %s\n", bad[i]);
		CHECK(!ok);
	}
}

/* Every encoding we produce parses back to the same values, and is strict. */
static void
test_round_trip(void)
{
	uint8_t		r[32];
	uint8_t		s[32];
	uint8_t		r2[32];
	uint8_t		s2[32];
	uint8_t		der[CD_DER_SIGNATURE_MAX_LEN];
	cd_error	err;
	uint32_t	x = 12345;

	for (int round = 0; round < 500; round++)
	{
		size_t		len;

		for (int i = 0; i < 32; i++)
		{
			x = x * 1103515245u + 12345u;
			r[i] = (uint8_t) (x >> 16);
			x = x * 1103515245u + 12345u;
			s[i] = (uint8_t) (x >> 16);
		}
		/* vary the number of leading zero bytes */
		memset(r, 0, (size_t) (round % 33));
		memset(s, 0, (size_t) ((round / 3) % 33));
		len = cd_der_encode_ecdsa_signature(r, s, der);
		CHECK(len >= 8 && len <= CD_DER_SIGNATURE_MAX_LEN);
		CHECK(cd_der_parse_ecdsa_signature(der, len, r2, s2, &err));
		CHECK(memcmp(r, r2, 32) == 0 && memcmp(s, s2, 32) == 0);
	}
}

int
main(void)
{
	RUN(test_accepts);
	RUN(test_refuses);
	RUN(test_round_trip);
	return unit_summary("test_der");
}
