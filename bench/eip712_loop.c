/*
 * eip712_loop.c - inputs and the limit for the eip712_recover benchmark
 *
 *   eip712_loop gen N      print N rows "json<TAB>signature-hex<TAB>contents":
 *                          the EIP's Mail example with contents
 *                          "Hello, Bob! #i", each signed (libsecp256k1) by
 *                          keccak256("cow") over the digest of
 *                          src/core/eip712.c
 *   eip712_loop loop FILE [PASSES]
 *                          the raw C loop over those rows: per row the
 *                          Keccak-256 calls that EIP-712 needs for the Mail
 *                          schema (strings, structs, domain, digest; the
 *                          three type hashes precomputed, as hand-written
 *                          code for one schema would), then cd_ecrecover;
 *                          prints "rows=N best_ms=T recovered=R" (best of
 *                          PASSES, default 3)
 *
 * The loop needs no JSON: it is what a program that knows the schema in
 * advance does, so SQL's JSON printing and parsing counts against SQL.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <secp256k1.h>
#include <secp256k1_recovery.h>

#include "ecdsa.h"
#include "eip712.h"
#include "eth_address.h"
#include "hex.h"
#include "keccak.h"
#include "secp256k1_context.h"

#define MAIL_JSON \
	"{\"types\":{\"EIP712Domain\":[{\"name\":\"name\",\"type\":\"string\"},{\"name\":\"version\",\"type\":\"string\"}," \
	"{\"name\":\"chainId\",\"type\":\"uint256\"},{\"name\":\"verifyingContract\",\"type\":\"address\"}]," \
	"\"Person\":[{\"name\":\"name\",\"type\":\"string\"},{\"name\":\"wallet\",\"type\":\"address\"}]," \
	"\"Mail\":[{\"name\":\"from\",\"type\":\"Person\"},{\"name\":\"to\",\"type\":\"Person\"},{\"name\":\"contents\",\"type\":\"string\"}]}," \
	"\"primaryType\":\"Mail\",\"domain\":{\"name\":\"Ether Mail\",\"version\":\"1\",\"chainId\":1," \
	"\"verifyingContract\":\"0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC\"},\"message\":{" \
	"\"from\":{\"name\":\"Cow\",\"wallet\":\"0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826\"}," \
	"\"to\":{\"name\":\"Bob\",\"wallet\":\"0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB\"},\"contents\":\"%s\"}}"

typedef struct row
{
	char		contents[64];
	size_t		contents_len;
	uint8_t		sig[65];
} row;

/* Monotonic time in milliseconds. */
static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Keccak-256 of a C string. */
static void
keccak_str(const char *s, uint8_t out[32])
{
	cd_keccak256((const uint8_t *) s, strlen(s), out);
}

/* Print N signed rows. */
static int
generate(long n)
{
	secp256k1_context *ctx = secp256k1_context_create(SECP256K1_CONTEXT_NONE);
	uint8_t		key[32];
	long		i;

	keccak_str("cow", key);
	for (i = 0; i < n; i++)
	{
		char		contents[64];
		char		json[2048];
		uint8_t		digest[32];
		uint8_t		sig[65];
		char		hex[131];
		int			recid;
		secp256k1_ecdsa_recoverable_signature rs;
		cd_error	err;

		snprintf(contents, sizeof(contents), "Hello, Bob! #%ld", i);
		snprintf(json, sizeof(json), MAIL_JSON, contents);
		if (!cd_eip712_hash(json, strlen(json), digest, &err))
		{
			fprintf(stderr, "eip712_loop: %s\n", err.message);
			return 1;
		}
		if (!secp256k1_ecdsa_sign_recoverable(ctx, &rs, digest, key, NULL, NULL))
			return 1;
		secp256k1_ecdsa_recoverable_signature_serialize_compact(ctx, sig, &recid, &rs);
		sig[64] = (uint8_t) (27 + recid);
		cd_hex_encode(sig, 65, hex);
		printf("%s\t%s\t%s\n", json, hex, contents);
	}
	secp256k1_context_destroy(ctx);
	return 0;
}

/* hashStruct(Person) = keccak256(typeHash || keccak256(name) || address word) */
static void
hash_person(const uint8_t th[32], const char *name, const uint8_t addr[20], uint8_t out[32])
{
	uint8_t		buf[96] = {0};

	memcpy(buf, th, 32);
	keccak_str(name, buf + 32);
	memcpy(buf + 64 + 12, addr, 20);
	cd_keccak256(buf, 96, out);
}

/* The raw loop: best of several passes. */
static int
loop(const char *path, int passes)
{
	FILE	   *f = fopen(path, "r");
	row		   *rows = NULL;
	size_t		nrows = 0;
	size_t		cap = 0;
	char	   *line = NULL;
	size_t		linecap = 0;
	uint8_t		th_domain[32];
	uint8_t		th_person[32];
	uint8_t		th_mail[32];
	uint8_t		contract[20];
	uint8_t		cow[20];
	uint8_t		bob[20];
	double		best = -1;
	size_t		recovered = 0;
	cd_error	err;
	int			pass;

	if (f == NULL || cd_secp256k1_context(&err) == NULL)
		return 1;
	while (getline(&line, &linecap, f) > 0)
	{
		char	   *sig = strchr(line, '\t');
		char	   *contents = sig ? strchr(sig + 1, '\t') : NULL;
		row		   *r;

		if (contents == NULL)
			return 1;
		if (nrows == cap)
		{
			cap = cap ? 2 * cap : 1024;
			rows = realloc(rows, cap * sizeof(row));
		}
		r = &rows[nrows++];
		cd_hex_decode(sig + 1, 65, r->sig);
		contents++;
		contents[strcspn(contents, "\n")] = '\0';
		snprintf(r->contents, sizeof(r->contents), "%s", contents);
		r->contents_len = strlen(r->contents);
	}
	fclose(f);
	free(line);

	keccak_str("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)", th_domain);
	keccak_str("Person(string name,address wallet)", th_person);
	keccak_str("Mail(Person from,Person to,string contents)Person(string name,address wallet)", th_mail);
	cd_eth_address_parse("0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC", 42, contract, &err);
	cd_eth_address_parse("0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826", 42, cow, &err);
	cd_eth_address_parse("0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB", 42, bob, &err);

	for (pass = 0; pass < passes; pass++)
	{
		double		t0 = now_ms();
		double		ms;
		size_t		i;

		recovered = 0;
		for (i = 0; i < nrows; i++)
		{
			uint8_t		dom[160] = {0};
			uint8_t		mail[128];
			uint8_t		msg[66] = {0x19, 0x01};
			uint8_t		digest[32];
			uint8_t		addr[20];
			bool		ok;

			/* domain separator */
			memcpy(dom, th_domain, 32);
			keccak_str("Ether Mail", dom + 32);
			keccak_str("1", dom + 64);
			dom[127] = 1;
			memcpy(dom + 128 + 12, contract, 20);
			cd_keccak256(dom, 160, msg + 2);
			/* hashStruct(Mail) */
			memcpy(mail, th_mail, 32);
			hash_person(th_person, "Cow", cow, mail + 32);
			hash_person(th_person, "Bob", bob, mail + 64);
			cd_keccak256((const uint8_t *) rows[i].contents, rows[i].contents_len, mail + 96);
			cd_keccak256(mail, 128, msg + 34);
			cd_keccak256(msg, 66, digest);
			if (!cd_ecrecover(digest, rows[i].sig, 65, addr, &ok, &err))
				return 1;
			recovered += ok && memcmp(addr, cow, 20) == 0;
		}
		ms = now_ms() - t0;
		if (best < 0 || ms < best)
			best = ms;
	}
	printf("rows=%zu best_ms=%.3f recovered=%zu\n", nrows, best, recovered);
	free(rows);
	return 0;
}

/* gen N or loop FILE [PASSES]. */
int
main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "gen") == 0)
		return generate(atol(argv[2]));
	if ((argc == 3 || argc == 4) && strcmp(argv[1], "loop") == 0)
		return loop(argv[2], argc == 4 ? atoi(argv[3]) : 3);
	fprintf(stderr, "usage: eip712_loop gen N | eip712_loop loop FILE [PASSES]\n");
	return 2;
}
