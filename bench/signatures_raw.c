/*
 * signatures_raw.c - the baseline for bench/signatures.sh
 *
 *   signatures_raw gen N FILE   write N signed cases, one line each:
 *       digest|sig65|message|signer|schnorr_msg|schnorr_sig|xonly|ed_msg|ed_sig|ed_pk   (hex)
 *   signatures_raw run FILE [FUNCTION]   time the core calls the SQL functions
 *       make (cd_ecrecover, cd_eth_message_hash + cd_ecrecover,
 *       cd_schnorr_verify, cd_ed25519_verify) over those cases, one pass
 *       each (or only FUNCTION), and print "<function> <nanoseconds per call>"
 *
 * Linked with the pure C core, so the loop does exactly the library work of
 * the SQL functions without the executor around it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/evp.h>
#include <secp256k1.h>
#include <secp256k1_extrakeys.h>
#include <secp256k1_recovery.h>
#include <secp256k1_schnorrsig.h>

#include "core/ecdsa.h"
#include "core/eip191.h"
#include "core/eth_address.h"
#include "core/hex.h"
#include "core/message_verify.h"
#include "core/secp256k1_context.h"

#define MSG_LEN 64

typedef struct bench_case
{
	uint8_t		digest[32];
	uint8_t		sig65[65];
	uint8_t		message[MSG_LEN];
	uint8_t		signer[20];
	uint8_t		schnorr_msg[32];
	uint8_t		schnorr_sig[64];
	uint8_t		xonly[32];
	uint8_t		ed_msg[MSG_LEN];
	uint8_t		ed_sig[64];
	uint8_t		ed_pk[32];
} bench_case;

/* A deterministic byte stream (xorshift), so that runs are repeatable. */
static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static void
fill(uint8_t *out, size_t len)
{
	for (size_t i = 0; i < len; i++)
	{
		rng_state ^= rng_state << 13;
		rng_state ^= rng_state >> 7;
		rng_state ^= rng_state << 17;
		out[i] = (uint8_t) rng_state;
	}
}

static void
put_hex(FILE *f, const uint8_t *b, size_t len, char sep)
{
	for (size_t i = 0; i < len; i++)
		fprintf(f, "%02x", b[i]);
	fputc(sep, f);
}

/* Sign one case of each kind with fresh keys. */
static void
make_case(const secp256k1_context *ctx, bench_case *c)
{
	uint8_t		seckey[32];
	secp256k1_ecdsa_recoverable_signature rsig;
	secp256k1_pubkey pub;
	secp256k1_keypair keypair;
	secp256k1_xonly_pubkey xonly;
	uint8_t		uncompressed[65];
	size_t		len = sizeof(uncompressed);
	int			recid;
	EVP_PKEY   *ed;
	EVP_MD_CTX *md;
	size_t		siglen = 64;
	size_t		pklen = 32;

	do
		fill(seckey, 32);
	while (!secp256k1_ec_seckey_verify(ctx, seckey));
	/* ECDSA over an EIP-191 message: the same signature serves both benchmarks */
	fill(c->message, MSG_LEN);
	cd_eth_message_hash(c->message, MSG_LEN, c->digest);
	if (!secp256k1_ecdsa_sign_recoverable(ctx, &rsig, c->digest, seckey, NULL, NULL) ||
		!secp256k1_ec_pubkey_create(ctx, &pub, seckey) ||
		!secp256k1_keypair_create(ctx, &keypair, seckey) ||
		!secp256k1_keypair_xonly_pub(ctx, &xonly, NULL, &keypair))
	{
		fprintf(stderr, "secp256k1 key or signature failed\n");
		exit(1);
	}
	secp256k1_ecdsa_recoverable_signature_serialize_compact(ctx, c->sig65, &recid, &rsig);
	c->sig65[64] = (uint8_t) (27 + recid);
	secp256k1_ec_pubkey_serialize(ctx, uncompressed, &len, &pub, SECP256K1_EC_UNCOMPRESSED);
	cd_eth_address_from_xy(uncompressed + 1, c->signer);
	/* BIP-340 */
	fill(c->schnorr_msg, 32);
	if (!secp256k1_schnorrsig_sign32(ctx, c->schnorr_sig, c->schnorr_msg, &keypair, NULL))
		exit(1);
	secp256k1_xonly_pubkey_serialize(ctx, c->xonly, &xonly);
	/* Ed25519 */
	fill(c->ed_msg, MSG_LEN);
	ed = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, NULL, seckey, 32);
	md = EVP_MD_CTX_new();
	if (ed == NULL || md == NULL || EVP_DigestSignInit(md, NULL, NULL, NULL, ed) != 1 ||
		EVP_DigestSign(md, c->ed_sig, &siglen, c->ed_msg, MSG_LEN) != 1 ||
		EVP_PKEY_get_raw_public_key(ed, c->ed_pk, &pklen) != 1)
	{
		fprintf(stderr, "Ed25519 signing failed\n");
		exit(1);
	}
	EVP_MD_CTX_free(md);
	EVP_PKEY_free(ed);
}

/* Parse one hex field of exactly len bytes and advance past its separator. */
static char *
get_hex(char *p, uint8_t *out, size_t len)
{
	if (strlen(p) < 2 * len || !cd_hex_decode(p, len, out))
	{
		fprintf(stderr, "bad input line\n");
		exit(1);
	}
	return p + 2 * len + 1;
}

static double
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double) ts.tv_sec * 1e9 + (double) ts.tv_nsec;
}

/* One timed pass of one function over all cases; returns ns per call. */
static double
time_pass(const bench_case *cases, size_t n, int which)
{
	double		t0 = now_ns();
	size_t		ok = 0;
	cd_error	err;

	for (size_t i = 0; i < n; i++)
	{
		const bench_case *c = &cases[i];
		uint8_t		address[20];
		uint8_t		digest[32];
		bool		good = false;

		switch (which)
		{
			case 0:
				if (!cd_ecrecover(c->digest, c->sig65, 65, address, &good, &err))
					exit(1);
				break;
			case 1:
				cd_eth_message_hash(c->message, MSG_LEN, digest);
				if (!cd_ecrecover(digest, c->sig65, 65, address, &good, &err))
					exit(1);
				good = good && memcmp(address, c->signer, 20) == 0;
				break;
			case 2:
				if (!cd_schnorr_verify(c->schnorr_msg, 32, c->schnorr_sig, 64, c->xonly, 32, &good, &err))
					exit(1);
				break;
			default:
				if (!cd_ed25519_verify(c->ed_msg, MSG_LEN, c->ed_sig, 64, c->ed_pk, 32, &good, &err))
					exit(1);
				break;
		}
		ok += good;
	}
	if (ok != n)
	{
		fprintf(stderr, "only %zu of %zu cases verified\n", ok, n);
		exit(1);
	}
	return (now_ns() - t0) / (double) n;
}

/*
 * gen: write the cases; run: read them back and time each function.
 */
int
main(int argc, char **argv)
{
	static const char *const names[] = {"ecrecover", "eth_verify_message", "schnorr_verify", "ed25519_verify"};
	const secp256k1_context *ctx;
	cd_error	err;

	cd_error_clear(&err);
	ctx = cd_secp256k1_context(&err);
	if (ctx == NULL)
		return 1;
	if (argc == 4 && strcmp(argv[1], "gen") == 0)
	{
		long		n = atol(argv[2]);
		FILE	   *f = fopen(argv[3], "w");

		if (f == NULL || n <= 0)
			return 1;
		for (long i = 0; i < n; i++)
		{
			bench_case c;

			make_case(ctx, &c);
			put_hex(f, c.digest, 32, '|');
			put_hex(f, c.sig65, 65, '|');
			put_hex(f, c.message, MSG_LEN, '|');
			put_hex(f, c.signer, 20, '|');
			put_hex(f, c.schnorr_msg, 32, '|');
			put_hex(f, c.schnorr_sig, 64, '|');
			put_hex(f, c.xonly, 32, '|');
			put_hex(f, c.ed_msg, MSG_LEN, '|');
			put_hex(f, c.ed_sig, 64, '|');
			put_hex(f, c.ed_pk, 32, '\n');
		}
		return fclose(f) == 0 ? 0 : 1;
	}
	if ((argc == 3 || argc == 4) && strcmp(argv[1], "run") == 0)
	{
		FILE	   *f = fopen(argv[2], "r");
		char		line[2048];
		size_t		n = 0;
		size_t		cap = 1024;
		bench_case *cases = malloc(cap * sizeof(bench_case));

		if (f == NULL || cases == NULL)
			return 1;
		while (fgets(line, sizeof(line), f) != NULL)
		{
			char	   *p = line;
			bench_case *c;

			if (n == cap)
			{
				cap *= 2;
				cases = realloc(cases, cap * sizeof(bench_case));
				if (cases == NULL)
					return 1;
			}
			c = &cases[n++];
			p = get_hex(p, c->digest, 32);
			p = get_hex(p, c->sig65, 65);
			p = get_hex(p, c->message, MSG_LEN);
			p = get_hex(p, c->signer, 20);
			p = get_hex(p, c->schnorr_msg, 32);
			p = get_hex(p, c->schnorr_sig, 64);
			p = get_hex(p, c->xonly, 32);
			p = get_hex(p, c->ed_msg, MSG_LEN);
			p = get_hex(p, c->ed_sig, 64);
			get_hex(p, c->ed_pk, 32);
		}
		fclose(f);
		for (int which = 0; which < 4; which++)
			if (argc == 3 || strcmp(argv[3], names[which]) == 0)
				printf("%s %.0f\n", names[which], time_pass(cases, n, which));
		free(cases);
		return 0;
	}
	fprintf(stderr, "usage: %s gen N FILE | run FILE\n", argv[0]);
	return 1;
}
