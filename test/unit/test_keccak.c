/*
 * test_keccak.c - Keccak-256 against published vectors
 *
 * Values: noble-hashes and go-ethereum test suites (empty, "abc", the
 * 448- and 896-bit NIST strings), and rate-boundary inputs of 135, 136 and
 * 137 zero bytes, whose digests agree across independent implementations
 * (see test/vectors/keccak256-vectors.json for the sources).
 */
#include <stdlib.h>

#include "unit.h"
#include "core/keccak.h"

static void
check_text(const char *text, const char *expected)
{
	uint8_t		digest[32];

	cd_keccak256((const uint8_t *) text, strlen(text), digest);
	CHECK_HEX_EQ(digest, 32, expected);
}

static void
check_zeros(size_t n, const char *expected)
{
	uint8_t    *zeros = calloc(n, 1);
	uint8_t		digest[32];

	cd_keccak256(zeros, n, digest);
	CHECK_HEX_EQ(digest, 32, expected);
	free(zeros);
}

static void
test_published_strings(void)
{
	check_text("", "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
	check_text("abc", "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");
	check_text("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
			   "45d3b367a6904e6e8d502ee04999a7c27647f91fa845d456525fd352ae3d7371");
	check_text("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
			   "f519747ed599024f3882238e5ab43960132572b7345fbeb9a90769dafd21ad67");
	check_text("transfer(address,uint256)",
			   "a9059cbb2ab09eb219583f4a59a5d0623ade346d962bcd4e46b11da047c9049b");
}

static void
test_rate_boundaries(void)
{
	check_zeros(135, "29e3704feeca7fb9ba229f0fa04d9b36449cf3ad6e1d85d9cfff3a10df9abc3e");
	check_zeros(136, "3a5912a7c5faa06ee4fe906253e339467a9ce87d533c65be3c15cb231cdb25f9");
	check_zeros(137, "bee7fbb405cb0d91a8775e338c4a5e4b5d6b2d051f687fa942043cffdc73bd28");
	check_zeros(272, "a8005c7a3125b6c3629b4181eca54d18721e41fef639718d205beb00b366ed7d");
}

/* A 200-byte input fed in uneven pieces must hash as if fed at once. */
static void
test_incremental_matches_one_shot(void)
{
	uint8_t		data[200];
	uint8_t		one_shot[32];
	size_t		split;

	for (size_t i = 0; i < sizeof(data); i++)
		data[i] = (uint8_t) (i * 7 + 3);
	cd_keccak256(data, sizeof(data), one_shot);
	for (split = 0; split <= sizeof(data); split += 17)
	{
		cd_keccak256_ctx ctx;
		uint8_t		pieces[32];

		cd_keccak256_init(&ctx);
		cd_keccak256_update(&ctx, data, split);
		cd_keccak256_update(&ctx, data + split, 1 < sizeof(data) - split ? 1 : sizeof(data) - split);
		if (split + 1 < sizeof(data))
			cd_keccak256_update(&ctx, data + split + 1, sizeof(data) - split - 1);
		cd_keccak256_final(&ctx, pieces);
		CHECK(memcmp(one_shot, pieces, 32) == 0);
	}
}

/*
 * The one-shot call's single-block path (inputs under 136 bytes) against
 * the streaming context, byte by byte, for every length up to two blocks.
 */
static void
test_one_block_path_matches_streaming(void)
{
	uint8_t		data[272];

	for (size_t i = 0; i < sizeof(data); i++)
		data[i] = (uint8_t) (i * 13 + 5);
	for (size_t len = 0; len <= sizeof(data); len++)
	{
		cd_keccak256_ctx ctx;
		uint8_t		one_shot[32];
		uint8_t		streamed[32];

		cd_keccak256(data, len, one_shot);
		cd_keccak256_init(&ctx);
		for (size_t i = 0; i < len; i++)
			cd_keccak256_update(&ctx, data + i, 1);
		cd_keccak256_final(&ctx, streamed);
		CHECK(memcmp(one_shot, streamed, 32) == 0);
	}
}

/* One million 'a': the long NIST vector, exercising many blocks. */
static void
test_million_a(void)
{
	uint8_t    *data = malloc(1000000);
	uint8_t		digest[32];

	memset(data, 'a', 1000000);
	cd_keccak256(data, 1000000, digest);
	CHECK_HEX_EQ(digest, 32, "fadae6b49f129bbb812be8407b7b2894f34aecf6dbd1f9b0f0c7e9853098fc96");
	free(data);
}

int
main(void)
{
	RUN(test_published_strings);
	RUN(test_rate_boundaries);
	RUN(test_incremental_matches_one_shot);
	RUN(test_one_block_path_matches_streaming);
	RUN(test_million_a);
	return unit_summary("test_keccak");
}
