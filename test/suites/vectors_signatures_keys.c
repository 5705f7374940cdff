/*
 * vectors_signatures_keys.c - a helper for test/suites/vectors_signatures.sh
 *
 * The SQL API takes no private keys, so the vector suite derives public
 * keys here, and the low-S twin of a high-S signature:
 *
 *   keys pubkey   each stdin line: 32-byte private key (hex, optional 0x)
 *                 -> 33-byte compressed public key (hex)
 *   keys lows     each stdin line: 64-byte r || s (hex)
 *                 -> "high|low" and r || min(s, n - s) (hex)
 *
 * Built by the suite with cc against libsecp256k1; exits 1 on bad input.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <secp256k1.h>

/* Decode exactly len bytes of hex (after an optional 0x) from line. */
static int
decode(const char *line, unsigned char *out, size_t len)
{
	if (line[0] == '0' && (line[1] == 'x' || line[1] == 'X'))
		line += 2;
	if (strlen(line) != 2 * len)
		return 0;
	for (size_t i = 0; i < len; i++)
	{
		unsigned int b;

		if (sscanf(line + 2 * i, "%2x", &b) != 1)
			return 0;
		out[i] = (unsigned char) b;
	}
	return 1;
}

static void
print_hex(const unsigned char *b, size_t len)
{
	for (size_t i = 0; i < len; i++)
		printf("%02x", b[i]);
}

/*
 * Read one line per input, write one line per output, in order, so that
 * the suite can paste results next to their inputs.
 */
int
main(int argc, char **argv)
{
	secp256k1_context *ctx = secp256k1_context_create(SECP256K1_CONTEXT_NONE);
	char		line[512];
	int			pubkey_mode;

	if (argc != 2 || (strcmp(argv[1], "pubkey") != 0 && strcmp(argv[1], "lows") != 0))
	{
		fprintf(stderr, "usage: %s pubkey|lows < lines\n", argv[0]);
		return 1;
	}
	pubkey_mode = strcmp(argv[1], "pubkey") == 0;
	while (fgets(line, sizeof(line), stdin) != NULL)
	{
		line[strcspn(line, "\r\n")] = '\0';
		if (pubkey_mode)
		{
			unsigned char seckey[32];
			unsigned char out[33];
			size_t		outlen = sizeof(out);
			secp256k1_pubkey pub;

			if (!decode(line, seckey, 32) || !secp256k1_ec_pubkey_create(ctx, &pub, seckey))
			{
				fprintf(stderr, "bad private key: %s\n", line);
				return 1;
			}
			secp256k1_ec_pubkey_serialize(ctx, out, &outlen, &pub, SECP256K1_EC_COMPRESSED);
			print_hex(out, outlen);
		}
		else
		{
			unsigned char rs[64];
			secp256k1_ecdsa_signature sig;
			int			was_high;

			if (!decode(line, rs, 64) || !secp256k1_ecdsa_signature_parse_compact(ctx, &sig, rs))
			{
				fprintf(stderr, "bad signature: %s\n", line);
				return 1;
			}
			was_high = secp256k1_ecdsa_signature_normalize(ctx, &sig, &sig);
			secp256k1_ecdsa_signature_serialize_compact(ctx, rs, &sig);
			printf("%s|", was_high ? "high" : "low");
			print_hex(rs, 64);
		}
		printf("\n");
	}
	secp256k1_context_destroy(ctx);
	return 0;
}
