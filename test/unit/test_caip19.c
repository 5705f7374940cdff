/*
 * test_caip19.c - CAIP-19 asset ids: the published examples, canonical
 * form, and every error path of the parser and the constructor
 *
 * The valid inputs are the "Test Cases" of CAIP-19 itself
 * (https://chainagnostic.org/CAIPs/caip-19, ChainAgnostic/CAIPs
 * CAIPs/caip-19.md) and the examples of the eip155 CAIP-19 profile
 * (ChainAgnostic/namespaces eip155/caip19.md); the "Dummy max length"
 * chain id is CAIP-2's own (CAIPs/caip-2.md).
 */
#include "unit.h"
#include "core/caip19.h"

/* Parse and compare with the expected canonical form. */
static void
check_canonical(const char *input, const char *expected)
{
	char		out[CD_ASSET_TEXT_LEN];
	size_t		out_len = 0;
	cd_error	err;

	cd_error_clear(&err);
	if (!cd_asset_parse(input, strlen(input), out, &out_len, &err))
	{
		unit_failed++;
		fprintf(stderr, "FAIL %s: \"%s\" rejected: %s / %s\n", unit_current, input, err.message, err.detail);
		return;
	}
	CHECK_STR_EQ(out, expected);
	CHECK(out_len == strlen(expected));
}

/*
 * Parse input that must fail; check the SQLSTATE class, that the message
 * quotes the input, and that the detail mentions the expected words (the
 * part that is wrong, and why).
 */
static void
check_rejected(const char *input, size_t len, const char *detail_part, const char *detail_why)
{
	char		out[CD_ASSET_TEXT_LEN];
	size_t		out_len = 0;
	cd_error	err;

	cd_error_clear(&err);
	if (cd_asset_parse(input, len, out, &out_len, &err))
	{
		unit_failed++;
		fprintf(stderr, "FAIL %s: \"%s\" accepted as \"%s\"\n", unit_current, input, out);
		return;
	}
	CHECK(err.code == CD_ERR_SYNTAX);
	CHECK(strncmp(err.message, "invalid input syntax for type asset: \"", 38) == 0);
	if (strstr(err.detail, detail_part) == NULL || strstr(err.detail, detail_why) == NULL)
	{
		unit_failed++;
		fprintf(stderr, "FAIL %s: \"%s\": detail \"%s\" lacks \"%s\" or \"%s\"\n",
				unit_current, input, err.detail, detail_part, detail_why);
	}
	else
		unit_passed++;
}

#define REJECT(input, part, why) check_rejected((input), strlen(input), (part), (why))

static void
test_caip19_published_examples(void)
{
	/* CAIP-19 "Test Cases" */
	check_canonical("eip155:1/slip44:60", "eip155:1/slip44:60");
	check_canonical("bip122:000000000019d6689c085ae165831e93/slip44:0",
					"bip122:000000000019d6689c085ae165831e93/slip44:0");
	check_canonical("cosmos:cosmoshub-3/slip44:118", "cosmos:cosmoshub-3/slip44:118");
	check_canonical("bip122:12a765e31ffd4059bada1e25190f6e98/slip44:2",
					"bip122:12a765e31ffd4059bada1e25190f6e98/slip44:2");
	check_canonical("cosmos:Binance-Chain-Tigris/slip44:714", "cosmos:Binance-Chain-Tigris/slip44:714");
	check_canonical("cosmos:iov-mainnet/slip44:234", "cosmos:iov-mainnet/slip44:234");
	check_canonical("lip9:9ee11e9df416b18b/slip44:134", "lip9:9ee11e9df416b18b/slip44:134");
	check_canonical("eip155:1/erc20:0x6b175474e89094c44da98b954eedeac495271d0f",
					"eip155:1/erc20:0x6b175474e89094c44da98b954eedeac495271d0f");
	/* the CryptoKitties contract is written EIP-55 checksummed there */
	check_canonical("eip155:1/erc721:0x06012c8cf97BEaD5deAe237070F9587f8E7A266d",
					"eip155:1/erc721:0x06012c8cf97bead5deae237070f9587f8e7a266d");
	check_canonical("eip155:1/erc721:0x06012c8cf97BEaD5deAe237070F9587f8E7A266d/771769",
					"eip155:1/erc721:0x06012c8cf97bead5deae237070f9587f8e7a266d/771769");
	check_canonical("hedera:mainnet/nft:0.0.55492/12", "hedera:mainnet/nft:0.0.55492/12");
	/* eip155 profile examples */
	check_canonical("eip155:1/erc20:0x8f8221afbb33998d8584a2b05749ba73c37a938a",
					"eip155:1/erc20:0x8f8221afbb33998d8584a2b05749ba73c37a938a");
	check_canonical("eip155:1/erc721:0x5180db8f5c931aae63c74266b211f580155ecac8/4663",
					"eip155:1/erc721:0x5180db8f5c931aae63c74266b211f580155ecac8/4663");
	/* CAIP-2's maximum-length chain id, with an asset */
	check_canonical("chainstd:8c3444cf8970a9e41a706fab93e7a6c4/slip44:1",
					"chainstd:8c3444cf8970a9e41a706fab93e7a6c4/slip44:1");
}

static void
test_canonical_form(void)
{
	/* upper-case contract address and "0X" prefix */
	check_canonical("eip155:8453/erc20:0X833589FCD6EDB6E08F4C7C32D4F71B54BDA02913",
					"eip155:8453/erc20:0x833589fcd6edb6e08f4c7c32d4f71b54bda02913");
	check_canonical("eip155:1/erc1155:0x76BE3b62873462d2142405439777e971754E8E77/10",
					"eip155:1/erc1155:0x76be3b62873462d2142405439777e971754e8e77/10");
	/* percent-encodings: allowed characters decoded, others in capital hex */
	check_canonical("foo:bar/baz:a%41b%2f%3Ac%25", "foo:bar/baz:aAb%2F%3Ac%25");
	check_canonical("foo:bar/baz:x/%2dy%2E", "foo:bar/baz:x/-y.");
	/* no profile: case is kept, since CAIP-19 is case-sensitive */
	check_canonical("solana:5eykt4UsFv8P8NJdTREpY1vzqKqZKvdp/token:EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v",
					"solana:5eykt4UsFv8P8NJdTREpY1vzqKqZKvdp/token:EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v");
	/* a work not yet minted: lower-case UUID, optional edition */
	check_canonical("cdefi:acme-gallery/work:0E6F2A4C-6B8D-4F1E-9A3B-2C5D7E9F1A3B",
					"cdefi:acme-gallery/work:0e6f2a4c-6b8d-4f1e-9a3b-2c5d7e9f1a3b");
	check_canonical("cdefi:acme-gallery/work:0e6f2a4c-6b8d-4f1e-9a3b-2c5d7e9f1a3b/12",
					"cdefi:acme-gallery/work:0e6f2a4c-6b8d-4f1e-9a3b-2c5d7e9f1a3b/12");
	/* the largest token id */
	check_canonical("eip155:1/erc721:0x06012c8cf97bead5deae237070f9587f8e7a266d/"
					"115792089237316195423570985008687907853269984665640564039457584007913129639935",
					"eip155:1/erc721:0x06012c8cf97bead5deae237070f9587f8e7a266d/"
					"115792089237316195423570985008687907853269984665640564039457584007913129639935");
}

/* Exactly at each length limit is accepted; one more is not. */
static void
test_length_limits(void)
{
	char		input[600];
	char		ref[130];
	char		token[80];

	memset(ref, 'a', 128);
	ref[128] = '\0';
	memset(token, '7', 78);
	token[78] = '\0';
	snprintf(input, sizeof(input), "abcdefgh:%s/abcdefgh:%s/%s",
			 "0123456789abcdefghijABCDEFGHIJ-_", ref, token);
	check_canonical(input, input);
	CHECK(strlen(input) == CD_ASSET_MAX_LEN);

	snprintf(input, sizeof(input), "abcdefghi:1/slip44:60");
	REJECT(input, "chain namespace \"abcdefghi\"", "3 to 8 characters");
	snprintf(input, sizeof(input), "ab:1/slip44:60");
	REJECT(input, "chain namespace \"ab\"", "3 to 8 characters");
	snprintf(input, sizeof(input), "foo:%s/slip44:60", "0123456789abcdefghijABCDEFGHIJ-_x");
	REJECT(input, "chain reference", "at most 32");
	snprintf(input, sizeof(input), "foo:bar/abcdefghi:x");
	REJECT(input, "asset namespace \"abcdefghi\"", "3 to 8 characters");
	snprintf(input, sizeof(input), "foo:bar/baz:%sa", ref);
	REJECT(input, "asset reference", "at most 128");
	snprintf(input, sizeof(input), "foo:bar/baz:x/%s7", token);
	REJECT(input, "token id", "at most 78");
}

static void
test_grammar_errors(void)
{
	REJECT("", "An asset id is chain_id/asset_namespace:asset_reference", "no \"/\"");
	REJECT("eip155:1", "An asset id is", "no \"/\"");
	REJECT("eip155/slip44:60", "chain id \"eip155\"", "has no \":\"");
	REJECT("/slip44:60", "chain id \"\"", "has no \":\"");
	REJECT("EIP155:1/slip44:60", "chain namespace \"EIP155\"", "'E' at position 1");
	REJECT("eip_155:1/slip44:60", "chain namespace", "'_' at position 4");
	REJECT("eip155:/slip44:60", "chain reference is empty", "1 to 32");
	REJECT("eip155:1:2/slip44:60", "chain reference \"1:2\"", "':' at position 2");
	REJECT("cosmos:hub.3/slip44:118", "chain reference", "'.' at position 4");
	REJECT("eip155:1/slip44", "asset part \"slip44\"", "has no \":\"");
	REJECT("eip155:1/slip44/60:1", "asset part \"slip44\"", "has no \":\"");
	REJECT("eip155:1/SLIP44:60", "asset namespace \"SLIP44\"", "'S' at position 1");
	REJECT("eip155:1/sl:60", "asset namespace \"sl\"", "3 to 8 characters");
	REJECT("eip155:1/slip44:", "asset reference is empty", "1 to 128");
	REJECT("foo:bar/baz:a b", "asset reference \"a b\"", "byte 0x20 at position 2");
	REJECT("foo:bar/baz:a:b", "asset reference \"a:b\"", "':' at position 2");
	REJECT("foo:bar/baz:\xc3\xa9", "asset reference", "byte 0xC3 at position 1");
	REJECT("foo:bar/baz:a%4", "asset reference \"a%4\"", "\"%\" at position 2");
	REJECT("foo:bar/baz:a%zz", "asset reference", "not followed by two hexadecimal digits");
	REJECT("foo:bar/baz:x/", "token id is empty", "1 to 78");
	REJECT("foo:bar/baz:x/1/2", "token id \"1/2\"", "at most one token id");
	REJECT("foo:bar/baz:x/a_b", "token id \"a_b\"", "'_' at position 2");
	/* an embedded NUL is a byte like any other */
	check_rejected("foo:bar/baz:a\0b", 15, "asset reference", "byte 0x00 at position 2");
}

static void
test_profile_errors(void)
{
	REJECT("eip155:0x1/slip44:60", "eip155 chain id", "\"0x1\" is not a decimal number");
	REJECT("eip155:01/slip44:60", "without leading zeros", "\"01\" has a leading zero");
	REJECT("eip155:0/slip44:60", "positive EIP-155 chain id", "0 is not one");
	REJECT("eip155:1/erc20:0x6b175474e89094c44da98b954eedeac495271d0", "eip155 erc20 asset",
		   "40 hexadecimal digits");
	REJECT("eip155:1/erc721:6b175474e89094c44da98b954eedeac495271d0f00", "eip155 erc721 asset",
		   "40 hexadecimal digits");
	REJECT("eip155:1/erc1155:0x6b175474e89094c44da98b954eedeac495271d0g", "eip155 erc1155 asset",
		   "40 hexadecimal digits");
	REJECT("eip155:1/erc721:0x06012c8cf97BEaD5deAe237070F9587f8E7A266D", "mixed case",
		   "EIP-55 checksum 0x06012c8cf97BEaD5deAe237070F9587f8E7A266d");
	REJECT("eip155:1/slip44:060", "slip44", "\"060\" has a leading zero");
	REJECT("eip155:1/slip44:eth", "slip44", "\"eth\" is not a decimal number");
	REJECT("eip155:1/slip44:60/1", "namespace slip44 are fungible", "\"1\"");
	REJECT("eip155:1/erc20:0x6b175474e89094c44da98b954eedeac495271d0f/1", "namespace erc20 are fungible", "\"1\"");
	REJECT("eip155:1/erc721:0x06012c8cf97bead5deae237070f9587f8e7a266d/0x1", "erc721", "\"0x1\" is not");
	REJECT("eip155:1/erc1155:0x06012c8cf97bead5deae237070f9587f8e7a266d/007", "erc1155", "\"007\" has a leading zero");
	REJECT("eip155:1/erc721:0x06012c8cf97bead5deae237070f9587f8e7a266d/"
		   "115792089237316195423570985008687907853269984665640564039457584007913129639936",
		   "uint256", "larger than 2^256 - 1");
	REJECT("cdefi:acme/work:0e6f2a4c6b8d4f1e9a3b2c5d7e9f1a3b", "cdefi work is a UUID", "is not");
	REJECT("cdefi:acme/work:0e6f2a4c-6b8d-4f1e-9a3b-2c5d7e9f1a3b/first", "edition", "\"first\" is not");
	/* erc20 on a chain that is not eip155 has no profile and is accepted */
	check_canonical("foo:bar/erc20:ABC/1", "foo:bar/erc20:ABC/1");
}

/* Hints: upper-case namespaces, leading zeros, checksums, separators. */
static void
test_hints(void)
{
	char		out[CD_ASSET_TEXT_LEN];
	size_t		out_len;
	cd_error	err;

	CHECK(!cd_asset_parse("EIP155:1/slip44:60", 18, out, &out_len, &err));
	CHECK(strstr(err.hint, "lower case") != NULL);
	CHECK(!cd_asset_parse("eip155:0001/slip44:60", 21, out, &out_len, &err));
	CHECK_STR_EQ(err.hint, "Write 1.");
	CHECK(!cd_asset_parse("eip155:1/slip44:00", 18, out, &out_len, &err));
	CHECK_STR_EQ(err.hint, "Write 0.");
	CHECK(!cd_asset_parse("foo:bar/baz:a:b", 15, out, &out_len, &err));
	CHECK(strstr(err.hint, "%3A") != NULL);
	/* a long input is quoted in the message, truncated */
	{
		char		longin[1000];

		memset(longin, 'x', sizeof(longin));
		CHECK(!cd_asset_parse(longin, sizeof(longin), out, &out_len, &err));
		CHECK(strstr(err.message, "...\"") != NULL);
		CHECK(strlen(err.message) < 200);
	}
}

/* cd_asset_from_parts on NUL-terminated parts; token may be NULL. */
static bool
parts(const char *chain, const char *ns, const char *ref, const char *token,
	  char out[CD_ASSET_TEXT_LEN], size_t *out_len, cd_error *err)
{
	return cd_asset_from_parts(chain, strlen(chain), ns, strlen(ns), ref, strlen(ref),
							   token, token ? strlen(token) : 0, out, out_len, err);
}

static void
test_from_parts(void)
{
	char		out[CD_ASSET_TEXT_LEN];
	size_t		out_len;
	cd_error	err;

#define PARTS(c, n, r, t) parts((c), (n), (r), (t), out, &out_len, &err)

	CHECK(PARTS("eip155:1", "erc721", "0x06012c8cf97BEaD5deAe237070F9587f8E7A266d", "771769"));
	CHECK_STR_EQ(out, "eip155:1/erc721:0x06012c8cf97bead5deae237070f9587f8e7a266d/771769");
	CHECK(PARTS("eip155:1", "slip44", "60", NULL));
	CHECK_STR_EQ(out, "eip155:1/slip44:60");
	CHECK(out_len == 18);

	/* each error names the argument that is wrong and quotes it */
	CHECK(!PARTS("eip155", "slip44", "60", NULL));
	CHECK(err.code == CD_ERR_PARAM);
	CHECK_STR_EQ(err.message, "invalid chain id for type asset: \"eip155\"");
	CHECK(!PARTS("eip155:1/x", "slip44", "60", NULL));
	CHECK_STR_EQ(err.message, "invalid chain id for type asset: \"eip155:1/x\"");
	CHECK(!PARTS("eip155:1", "slip44:60", "60", NULL));
	CHECK_STR_EQ(err.message, "invalid asset namespace for type asset: \"slip44:60\"");
	CHECK(!PARTS("eip155:1", "erc20", "0x12", NULL));
	CHECK_STR_EQ(err.message, "invalid asset reference for type asset: \"0x12\"");
	CHECK(strstr(err.detail, "40 hexadecimal digits") != NULL);
	CHECK(!PARTS("eip155:1", "erc721", "0x06012c8cf97bead5deae237070f9587f8e7a266d", "1/2"));
	CHECK_STR_EQ(err.message, "invalid token id for type asset: \"1/2\"");
	CHECK(!PARTS("eip155:1", "erc721", "0x06012c8cf97bead5deae237070f9587f8e7a266d", ""));
	CHECK_STR_EQ(err.message, "invalid token id for type asset: \"\"");
	CHECK(!PARTS("eip155:1", "slip44", "60", "5"));
	CHECK_STR_EQ(err.message, "invalid token id for type asset: \"5\"");
	CHECK(strstr(err.detail, "fungible") != NULL);
#undef PARTS
}

static void
test_split(void)
{
	const char *a = "eip155:1/erc721:0x06012c8cf97bead5deae237070f9587f8e7a266d/771769";
	const char *b = "eip155:1/slip44:60";
	cd_asset_parts p;

	CHECK(cd_asset_split(a, strlen(a), &p));
	CHECK(p.chain_len == 8);
	CHECK(strncmp(a + p.namespace_off, "erc721", p.namespace_len) == 0 && p.namespace_len == 6);
	CHECK(p.reference_len == 42 && strncmp(a + p.reference_off, "0x06012c8c", 10) == 0);
	CHECK(p.token_len == 6 && strncmp(a + p.token_off, "771769", 6) == 0);
	CHECK(cd_asset_split(b, strlen(b), &p));
	CHECK(p.token_len == 0);
	CHECK(p.reference_len == 2 && strncmp(b + p.reference_off, "60", 2) == 0);
	CHECK(!cd_asset_split("garbage", 7, &p));
	CHECK(!cd_asset_split("a:b/c", 5, &p));
}

int
main(void)
{
	RUN(test_caip19_published_examples);
	RUN(test_canonical_form);
	RUN(test_length_limits);
	RUN(test_grammar_errors);
	RUN(test_profile_errors);
	RUN(test_hints);
	RUN(test_from_parts);
	RUN(test_split);
	return unit_summary("test_caip19");
}
