/*
 * test_eip712.c - EIP-712 hashing and its JSON parser, against published
 * values
 *
 * The Mail example's encodeType, typeHash, hashStruct, domain separator
 * and digest are those printed in EIP-712 (and in
 * test/vectors/eip712-mail.json); the arrays example is
 * @metamask/eth-sig-util's signTypedData_v4 test.  Error paths check the
 * code and that the message names the JSON path.
 */
#include <stdlib.h>

#include "unit.h"
#include "core/eip712.h"
#include "core/json.h"
#include "core/keccak.h"

#define MAIL_TYPES \
	"{\"EIP712Domain\":[{\"name\":\"name\",\"type\":\"string\"},{\"name\":\"version\",\"type\":\"string\"}," \
	"{\"name\":\"chainId\",\"type\":\"uint256\"},{\"name\":\"verifyingContract\",\"type\":\"address\"}]," \
	"\"Person\":[{\"name\":\"name\",\"type\":\"string\"},{\"name\":\"wallet\",\"type\":\"address\"}]," \
	"\"Mail\":[{\"name\":\"from\",\"type\":\"Person\"},{\"name\":\"to\",\"type\":\"Person\"},{\"name\":\"contents\",\"type\":\"string\"}]}"
#define MAIL_DOMAIN \
	"{\"name\":\"Ether Mail\",\"version\":\"1\",\"chainId\":1,\"verifyingContract\":\"0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC\"}"
#define MAIL_MESSAGE \
	"{\"from\":{\"name\":\"Cow\",\"wallet\":\"0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826\"}," \
	"\"to\":{\"name\":\"Bob\",\"wallet\":\"0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB\"},\"contents\":\"Hello, Bob!\"}"
#define MAIL \
	"{\"types\":" MAIL_TYPES ",\"primaryType\":\"Mail\",\"domain\":" MAIL_DOMAIN ",\"message\":" MAIL_MESSAGE "}"

#define MAIL_DIGEST "be609aee343fb3c4b28e1df9e632fca64fcfaede20f02e86244efddf30957bd2"

/* cd_eip712_hash of json must succeed with this digest. */
static void
check_digest(const char *json, const char *expected)
{
	uint8_t		digest[32];
	cd_error	err;

	cd_error_clear(&err);
	CHECK(cd_eip712_hash(json, strlen(json), digest, &err));
	if (err.code != CD_OK)
		fprintf(stderr, "  error: %s (%s)\n", err.message, err.detail);
	CHECK_HEX_EQ(digest, 32, expected);
}

/* The failure's code, and its message containing want (a path, usually). */
static void
check_error(const char *json, cd_errcode code, const char *want)
{
	uint8_t		digest[32];
	cd_error	err;

	cd_error_clear(&err);
	CHECK_FAILS(cd_eip712_hash(json, strlen(json), digest, &err), err, code, want);
	if (err.code != code || strstr(err.message, want) == NULL)
		fprintf(stderr, "  for %s\n", json);
}

/* EIP-712's Mail example, every published intermediate value. */
static void
test_mail_example(void)
{
	char		encoded[256];
	uint8_t		hash[32];
	cd_error	err;
	const char *types = MAIL_TYPES;
	const char *domain = MAIL_DOMAIN;
	const char *message = MAIL_MESSAGE;

	CHECK(cd_eip712_encode_type(types, strlen(types), "Mail", 4, encoded, sizeof(encoded), hash, &err));
	CHECK_STR_EQ(encoded, "Mail(Person from,Person to,string contents)Person(string name,address wallet)");
	CHECK_HEX_EQ(hash, 32, "a0cedeb2dc280ba39b857546d74f5549c3a1d7bdc2dd96bf881f76108e23dac2");
	CHECK(cd_eip712_encode_type(types, strlen(types), "EIP712Domain", 12, encoded, sizeof(encoded), hash, &err));
	CHECK_STR_EQ(encoded, "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
	CHECK_HEX_EQ(hash, 32, "8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f");
	CHECK(cd_eip712_hash_struct(types, strlen(types), "Mail", 4, message, strlen(message), hash, &err));
	CHECK_HEX_EQ(hash, 32, "c52c0ee5d84264471806290a3f2c4cecfc5490626bf912d01f240d7a274b371e");
	CHECK(cd_eip712_domain_separator(domain, strlen(domain), NULL, 0, hash, &err));
	CHECK_HEX_EQ(hash, 32, "f2cee375fa42b42143804025fc449deafd50cc031ca257e0b194a650a912090f");
	CHECK(cd_eip712_domain_separator(domain, strlen(domain), types, strlen(types), hash, &err));
	CHECK_HEX_EQ(hash, 32, "f2cee375fa42b42143804025fc449deafd50cc031ca257e0b194a650a912090f");
	check_digest(MAIL, MAIL_DIGEST);
	/* the same without EIP712Domain: inferred from the four domain fields */
	check_digest("{\"types\":{\"Person\":[{\"name\":\"name\",\"type\":\"string\"},{\"name\":\"wallet\",\"type\":\"address\"}],"
				 "\"Mail\":[{\"name\":\"from\",\"type\":\"Person\"},{\"name\":\"to\",\"type\":\"Person\"},{\"name\":\"contents\",\"type\":\"string\"}]},"
				 "\"primaryType\":\"Mail\",\"domain\":" MAIL_DOMAIN ",\"message\":" MAIL_MESSAGE "}", MAIL_DIGEST);
	/* white space, key order and escapes do not matter */
	check_digest("  {\"message\":{\"contents\":\"Hello,\\u0020Bob\\u0021\",\"to\":{\"wallet\":\"0xbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\",\"name\":\"Bob\"},"
				 "\"from\":{\"name\":\"C\\u006fw\",\"wallet\":\"0xCD2A3D9F938E13CD947EC05ABC7FE734DF8DD826\"}},"
				 "\"domain\":{\"chainId\":\"0x01\",\"verifyingContract\":\"0xcccccccccccccccccccccccccccccccccccccccc\",\"version\":\"1\",\"name\":\"Ether Mail\"},"
				 "\"primaryType\":\"Mail\",\n\"types\":" MAIL_TYPES "}\n", MAIL_DIGEST);
}

/* eth-sig-util's signTypedData_v4 example: arrays of structs and of addresses */
static void
test_v4_arrays(void)
{
	char		encoded[256];
	uint8_t		hash[32];
	cd_error	err;
	const char *types =
		"{\"EIP712Domain\":[{\"name\":\"name\",\"type\":\"string\"},{\"name\":\"version\",\"type\":\"string\"},"
		"{\"name\":\"chainId\",\"type\":\"uint256\"},{\"name\":\"verifyingContract\",\"type\":\"address\"}],"
		"\"Person\":[{\"name\":\"name\",\"type\":\"string\"},{\"name\":\"wallets\",\"type\":\"address[]\"}],"
		"\"Mail\":[{\"name\":\"from\",\"type\":\"Person\"},{\"name\":\"to\",\"type\":\"Person[]\"},{\"name\":\"contents\",\"type\":\"string\"}],"
		"\"Group\":[{\"name\":\"name\",\"type\":\"string\"},{\"name\":\"members\",\"type\":\"Person[]\"}]}";
	const char *message =
		"{\"from\":{\"name\":\"Cow\",\"wallets\":[\"0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826\",\"0xDeaDbeefdEAdbeefdEadbEEFdeadbeEFdEaDbeeF\"]},"
		"\"to\":[{\"name\":\"Bob\",\"wallets\":[\"0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB\",\"0xB0BdaBea57B0BDABeA57b0bdABEA57b0BDabEa57\","
		"\"0xB0B0b0b0b0b0B000000000000000000000000000\"]}],\"contents\":\"Hello, Bob!\"}";
	char		json[2048];

	CHECK(cd_eip712_encode_type(types, strlen(types), "Mail", 4, encoded, sizeof(encoded), hash, &err));
	CHECK_STR_EQ(encoded, "Mail(Person from,Person[] to,string contents)Person(string name,address[] wallets)");
	CHECK_HEX_EQ(hash, 32, "4bd8a9a2b93427bb184aca81e24beb30ffa3c747e2a33d4225ec08bf12e2e753");
	CHECK(cd_eip712_encode_type(types, strlen(types), "Person", 6, encoded, sizeof(encoded), hash, &err));
	CHECK_HEX_EQ(hash, 32, "fabfe1ed996349fc6027709802be19d047da1aa5d6894ff5f6486d92db2e6860");
	CHECK(cd_eip712_hash_struct(types, strlen(types), "Mail", 4, message, strlen(message), hash, &err));
	CHECK_HEX_EQ(hash, 32, "eb4221181ff3f1a83ea7313993ca9218496e424604ba9492bb4052c03d5c3df8");
	snprintf(json, sizeof(json), "{\"types\":%s,\"primaryType\":\"Mail\",\"domain\":%s,\"message\":%s}",
			 types, MAIL_DOMAIN, message);
	check_digest(json, "a85c2e2b118698e88db68a8105b794a8cc7cec074e89ef991cb4f5f533819cc2");
	/* encodeType buffer too small is an error, not a truncation */
	CHECK(!cd_eip712_encode_type(types, strlen(types), "Mail", 4, encoded, 10, hash, &err));
	CHECK(err.code == CD_ERR_LIMIT);
}

/* Hash of one member of type `type` holding `value`, via hashStruct. */
static bool
member_hash(const char *type, const char *value, uint8_t out[32], cd_error *err)
{
	char		types[256];
	char		data[512];

	snprintf(types, sizeof(types), "{\"T\":[{\"name\":\"v\",\"type\":\"%s\"}]}", type);
	snprintf(data, sizeof(data), "{\"v\":%s}", value);
	return cd_eip712_hash_struct(types, strlen(types), "T", 1, data, strlen(data), out, err);
}

/* keccak256(keccak256("T(<type> v)") || word) with word given in hex. */
static void
check_word(const char *type, const char *value, const char *word_hex)
{
	uint8_t		got[32];
	uint8_t		buf[64];
	uint8_t		expected[32];
	char		sig[128];
	cd_error	err;

	snprintf(sig, sizeof(sig), "T(%s v)", type);
	cd_keccak256((const uint8_t *) sig, strlen(sig), buf);
	cd_hex_decode(word_hex, 32, buf + 32);
	cd_keccak256(buf, 64, expected);
	cd_error_clear(&err);
	CHECK(member_hash(type, value, got, &err));
	CHECK(memcmp(got, expected, 32) == 0);
	if (memcmp(got, expected, 32) != 0)
		fprintf(stderr, "  %s %s: %s\n", type, value, err.message);
}

/* Hashing one member of type with value must fail with code, naming data.v. */
static void
check_member_error(const char *type, const char *value, cd_errcode code)
{
	uint8_t		got[32];
	cd_error	err;

	cd_error_clear(&err);
	CHECK_FAILS(member_hash(type, value, got, &err), err, code, "at data.v");
	if (err.code != code)
		fprintf(stderr, "  for %s %s\n", type, value);
}

#define Z30 "000000000000000000000000000000000000000000000000000000000000"
#define F30 "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"

/* uintN/intN: every accepted form and the range edges (refusals: member_errors). */
static void
test_integers(void)
{
	check_word("uint8", "255", Z30 "00ff");
	check_word("uint8", "\"255\"", Z30 "00ff");
	check_word("uint8", "\"0xff\"", Z30 "00ff");
	check_word("uint8", "\"0x00000000000000000000000000000000000000000000000000000000000000000000ff\"", Z30 "00ff");
	check_word("uint16", "2.55e2", Z30 "00ff");
	check_word("uint16", "25500e-2", Z30 "00ff");
	check_word("uint16", "255.000", Z30 "00ff");
	check_word("uint16", "0e99999999999", Z30 "0000");
	check_word("uint256", "-0", Z30 "0000");
	check_word("int8", "-1", F30 "ffff");
	check_word("int8", "-128", F30 "ff80");
	check_word("int8", "\"-0x80\"", F30 "ff80");
	check_word("int8", "127", Z30 "007f");
	check_word("int16", "-129", F30 "ff7f");
	check_word("uint256", "115792089237316195423570985008687907853269984665640564039457584007913129639935", F30 "ffff");
	check_word("int256", "\"-57896044618658097711785492504343953926634992332820282019728792003956564819968\"",
			   "80" "00000000000000000000000000000000000000000000000000000000000000");
}

/* 2^53 + 1 = 0x20000000000001 */
static void
test_no_double_rounding(void)
{
	check_word("uint64", "9007199254740993", "00000000000000000000000000000000000000000000000000" "20000000000001");
	check_word("uint64", "\"9007199254740993\"", "00000000000000000000000000000000000000000000000000" "20000000000001");
}

/* bool, bytesN, bytes, string, address: encodings (refusals: member_errors). */
static void
test_other_atomics(void)
{
	check_word("bool", "true", Z30 "0001");
	check_word("bool", "false", Z30 "0000");
	check_word("bytes1", "\"0xAB\"", "ab" "00000000000000000000000000000000000000000000000000000000000000");
	check_word("bytes32", "\"0x0102030405060708091011121314151617181920212223242526272829303132\"",
			   "0102030405060708091011121314151617181920212223242526272829303132");
	check_word("address", "\"0x00000000000000000000000000000000000000ff\"", Z30 "00ff");
	check_word("address", "\"0xCD2A3D9F938E13CD947EC05ABC7FE734DF8DD826\"", "000000000000000000000000" "cd2a3d9f938e13cd947ec05abc7fe734df8dd826");
	/* bytes and string: keccak256 of the bytes; "" and "0x" are the empty input */
	check_word("bytes", "\"0x\"", "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
	check_word("string", "\"\"", "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
	check_word("string", "\"abc\"", "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");
	check_word("bytes", "\"0x616263\"", "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");
	/* \u escapes, including a surrogate pair, decode to UTF-8 before hashing */
	{
		uint8_t		a[32];
		uint8_t		b[32];
		cd_error	err;

		CHECK(member_hash("string", "\"\\u00e9\\ud83d\\ude80\"", a, &err));
		CHECK(member_hash("string", "\"\xc3\xa9\xf0\x9f\x9a\x80\"", b, &err));
		CHECK(memcmp(a, b, 32) == 0);
	}
}

/*
 * Members that do not encode, every atomic type, with their codes: uintN
 * and intN out of range or malformed, then bool, bytesN, bytes, string and
 * address.
 */
static const struct member_error
{
	const char *type;
	const char *value;
	cd_errcode	code;
}			member_errors[] = {
	{"uint8", "256", CD_ERR_PARAM},
	{"uint8", "-1", CD_ERR_PARAM},
	{"uint8", "\"-0x1\"", CD_ERR_PARAM},
	{"int8", "128", CD_ERR_PARAM},
	{"int8", "-129", CD_ERR_PARAM},
	{"int8", "-255", CD_ERR_PARAM},
	{"uint256", "1e78", CD_ERR_PARAM},
	{"uint256", "1e1000000000000", CD_ERR_PARAM},
	{"uint256", "115792089237316195423570985008687907853269984665640564039457584007913129639936", CD_ERR_PARAM},
	{"uint256", "\"0x10000000000000000000000000000000000000000000000000000000000000000\"", CD_ERR_PARAM},
	{"uint256", "1.5", CD_ERR_PARAM},
	{"uint256", "1e-1", CD_ERR_PARAM},
	{"uint256", "\"1.0\"", CD_ERR_SYNTAX},
	{"uint256", "\"\"", CD_ERR_SYNTAX},
	{"uint256", "\"-\"", CD_ERR_SYNTAX},
	{"uint256", "\"0x\"", CD_ERR_SYNTAX},
	{"uint256", "\"0xg\"", CD_ERR_SYNTAX},
	{"uint256", "\"--1\"", CD_ERR_SYNTAX},
	{"uint256", "\"+1\"", CD_ERR_SYNTAX},
	{"uint256", "true", CD_ERR_PARAM},
	{"uint256", "null", CD_ERR_PARAM},
	{"bool", "1", CD_ERR_PARAM},
	{"bool", "\"true\"", CD_ERR_PARAM},
	{"bytes1", "\"0x\"", CD_ERR_PARAM},
	{"bytes2", "\"0x010203\"", CD_ERR_PARAM},
	{"bytes2", "\"0x0102030\"", CD_ERR_SYNTAX},
	{"bytes", "\"abc\"", CD_ERR_SYNTAX},
	{"bytes", "\"0xabc\"", CD_ERR_SYNTAX},
	{"bytes", "[1]", CD_ERR_PARAM},
	{"string", "5", CD_ERR_PARAM},
	{"address", "\"0x00\"", CD_ERR_PARAM},
	/* not a string at all (found by the fuzzer: no pointer into a NULL text) */
	{"address", "[\"0x0000000000000000000000000000000000000001\"]", CD_ERR_PARAM},
	{"address", "1", CD_ERR_PARAM},
	{"address", "\"CD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826\"", CD_ERR_SYNTAX},
	/* mixed case with a wrong EIP-55 checksum */
	{"address", "\"0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD827\"", CD_ERR_PARAM},
	{"address", "\"0xcD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826\"", CD_ERR_PARAM},
};

static void
test_member_errors(void)
{
	const struct member_error *e;

	for (e = member_errors; e < member_errors + sizeof(member_errors) / sizeof(member_errors[0]); e++)
		check_member_error(e->type, e->value, e->code);
}

/* Dynamic, fixed and nested arrays, length checks, element paths. */
static void
test_arrays(void)
{
	uint8_t		a[32];
	uint8_t		b[32];
	cd_error	err;

	/* empty dynamic array: keccak256 of nothing */
	check_word("uint8[]", "[]", "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
	/* bool[1] holding true: keccak256 of the one word */
	{
		uint8_t		one[32] = {0};
		uint8_t		h[32];
		char		hex[65];

		one[31] = 1;
		cd_keccak256(one, 32, h);
		cd_hex_encode(h, 32, hex);
		check_word("bool[1]", "[true]", hex);
	}
	CHECK(member_hash("uint8[2][]", "[[1,2],[3,4]]", a, &err));
	CHECK(member_hash("uint8[][]", "[[1,2],[3,4]]", b, &err));
	/* same words, different type hashes */
	CHECK(memcmp(a, b, 32) != 0);
	check_member_error("uint8[2]", "[1]", CD_ERR_PARAM);
	check_member_error("uint8[2]", "[1,2,3]", CD_ERR_PARAM);
	check_member_error("uint8[]", "{}", CD_ERR_PARAM);
	check_member_error("uint8[][1]", "[[1,\"x\"]]", CD_ERR_SYNTAX);
	{
		cd_error	e2;

		CHECK(!member_hash("uint8[][1]", "[[1,\"x\"]]", a, &e2));
		CHECK_STR_EQ(e2.message, "invalid integer at data.v[0][1]");
	}
}

/* inner wrapped in levels of {"mother": ...} into buf; returns the length */
static size_t
nest_in_mothers(char *buf, int levels, const char *inner)
{
	size_t		n = 0;
	int			i;

	for (i = 0; i < levels; i++)
		n += (size_t) sprintf(buf + n, "{\"mother\":");
	n += (size_t) sprintf(buf + n, "%s", inner);
	for (i = 0; i < levels; i++)
		buf[n++] = '}';
	return n;
}

/* Recursive and cyclic types, V4 null structs, the depth bound. */
static void
test_structs_and_recursion(void)
{
	const char *types = "{\"P\":[{\"name\":\"n\",\"type\":\"string\"},{\"name\":\"mother\",\"type\":\"P\"},{\"name\":\"father\",\"type\":\"P\"}]}";
	uint8_t		a[32];
	uint8_t		b[32];
	char		encoded[128];
	cd_error	err;
	char	   *deep;
	size_t		n;

	CHECK(cd_eip712_encode_type(types, strlen(types), "P", 1, encoded, sizeof(encoded), a, &err));
	CHECK_STR_EQ(encoded, "P(string n,P mother,P father)");
	/* missing and null struct members are 32 zero bytes (V4) */
	CHECK(cd_eip712_hash_struct(types, strlen(types), "P", 1, "{\"n\":\"x\"}", 9, a, &err));
	CHECK(cd_eip712_hash_struct(types, strlen(types), "P", 1, "{\"n\":\"x\",\"mother\":null}", 23, b, &err));
	CHECK(memcmp(a, b, 32) == 0);
	/* 120 levels of data are fine; 200 are refused by the parser's depth bound */
	deep = malloc(16 * 200 + 64);
	n = nest_in_mothers(deep, 120, "{\"n\":\"x\"}");
	CHECK(!cd_eip712_hash_struct(types, strlen(types), "P", 1, deep, n, a, &err));
	CHECK(err.code == CD_ERR_PARAM);	/* "n" missing at depth 0 */
	CHECK(strstr(err.message, "missing value at data.n") != NULL);
	n = nest_in_mothers(deep, 200, "{}");
	CHECK(!cd_eip712_hash_struct(types, strlen(types), "P", 1, deep, n, a, &err));
	CHECK(err.code == CD_ERR_LIMIT);
	free(deep);
	/* a type cycle through several structs: encodeType terminates */
	{
		const char *cyc = "{\"A\":[{\"name\":\"b\",\"type\":\"B\"}],\"B\":[{\"name\":\"c\",\"type\":\"C[]\"}],\"C\":[{\"name\":\"a\",\"type\":\"A\"}]}";

		CHECK(cd_eip712_encode_type(cyc, strlen(cyc), "B", 1, encoded, sizeof(encoded), a, &err));
		CHECK_STR_EQ(encoded, "B(C[] c)A(B b)C(A a)");
		CHECK(cd_eip712_hash_struct(cyc, strlen(cyc), "A", 1, "{\"b\":{\"c\":[{},{\"a\":null}]}}", 27, a, &err));
	}
}

/*
 * Type hashes and checksums are remembered across calls: cycling through
 * more schemas than the cache holds must keep giving the right hashes, and
 * a cached good address must not let a wrongly cased twin through.
 */
static void
test_caches(void)
{
	static const char *const types[] = {
		"uint8", "uint16", "uint24", "uint32", "int8", "int16", "int24", "int32",
		"bytes1", "bytes2", "bool", "uint64"
	};
	int			round;
	size_t		i;

	for (round = 0; round < 3; round++)
		for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
			check_word(types[i], strncmp(types[i], "bytes", 5) == 0 ? (types[i][5] == '1' ? "\"0x01\"" : "\"0x0001\"") :
					   strcmp(types[i], "bool") == 0 ? "true" : "1",
					   strncmp(types[i], "bytes", 5) == 0 ? (types[i][5] == '1' ? "01" Z30 "00" : "0001" Z30) : Z30 "0001");
	check_word("address", "\"0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826\"", "000000000000000000000000" "cd2a3d9f938e13cd947ec05abc7fe734df8dd826");
	check_member_error("address", "\"0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8Dd826\"", CD_ERR_PARAM);
	check_word("address", "\"0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826\"", "000000000000000000000000" "cd2a3d9f938e13cd947ec05abc7fe734df8dd826");
}

/* EIP712Domain inferred from the domain, and primaryType EIP712Domain. */
static void
test_domain_inference(void)
{
	/* primaryType EIP712Domain with an empty domain (viem's minimal case) */
	check_digest("{\"types\":{\"EIP712Domain\":[]},\"primaryType\":\"EIP712Domain\",\"domain\":{}}",
				 "8d4a3f4082945b7879e2b55f181c31a77c8c0a464b70669458abbaaf99de4c38");
	check_digest("{\"types\":{},\"primaryType\":\"EIP712Domain\",\"domain\":{}}",
				 "8d4a3f4082945b7879e2b55f181c31a77c8c0a464b70669458abbaaf99de4c38");
	check_error("{\"types\":{},\"primaryType\":\"EIP712Domain\",\"domain\":{\"chain\":1}}", CD_ERR_PARAM, "at domain.chain");
	check_error("{\"types\":{},\"primaryType\":\"EIP712Domain\",\"domain\":{\"salt\":\"0x01\"}}", CD_ERR_PARAM, "at domain.salt");
}

/* Malformed JSON and typed data of the wrong shape, with codes and paths. */
static void
test_errors(void)
{
	check_error("", CD_ERR_SYNTAX, "invalid input syntax for type json");
	check_error("{", CD_ERR_SYNTAX, "invalid input syntax for type json");
	check_error("{\"a\":1,\"a\":2}", CD_ERR_SYNTAX, "invalid input syntax for type json");
	check_error("{\"a\":\"\\ud800\"}", CD_ERR_SYNTAX, "invalid input syntax for type json");
	check_error("{\"a\":\"\\u0000\"}", CD_ERR_SYNTAX, "invalid input syntax for type json");
	check_error("{\"a\":\"\xff\"}", CD_ERR_SYNTAX, "invalid input syntax for type json");
	check_error("{\"a\":01}", CD_ERR_SYNTAX, "invalid input syntax for type json");
	check_error("{} x", CD_ERR_SYNTAX, "invalid input syntax for type json");
	check_error("[]", CD_ERR_PARAM, "typed data must be a JSON object");
	check_error("{}", CD_ERR_PARAM, "missing value at types");
	check_error("{\"types\":{}}", CD_ERR_PARAM, "missing value at primaryType");
	check_error("{\"types\":{},\"primaryType\":\"T\"}", CD_ERR_PARAM, "missing value at domain");
	check_error("{\"types\":{},\"primaryType\":\"T\",\"domain\":{}}", CD_ERR_PARAM, "primary type \"T\" is not defined");
	check_error("{\"types\":{\"T\":[]},\"primaryType\":\"T\",\"domain\":{}}", CD_ERR_PARAM, "missing value at message");
	check_error("{\"types\":{\"T\":[{\"name\":\"x\",\"type\":\"U\"}]},\"primaryType\":\"T\",\"domain\":{},\"message\":{}}",
				CD_ERR_PARAM, "unknown type at types.T[0].type");
	check_error("{\"types\":{\"T\":[{\"name\":\"x\",\"type\":\"uint8[999999999999]\"}]},\"primaryType\":\"T\",\"domain\":{},\"message\":{}}",
				CD_ERR_PARAM, "invalid type at types.T[0].type");
	check_error("{\"types\":{\"bool\":[]},\"primaryType\":\"bool\",\"domain\":{},\"message\":{}}",
				CD_ERR_PARAM, "invalid struct name at types.bool");
	check_error(MAIL "x", CD_ERR_SYNTAX, "json");
	/* the Mail example with a wallet missing in message.to */
	check_error("{\"types\":" MAIL_TYPES ",\"primaryType\":\"Mail\",\"domain\":" MAIL_DOMAIN ",\"message\":"
				"{\"from\":{\"name\":\"Cow\",\"wallet\":\"0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826\"},"
				"\"to\":{\"name\":\"Bob\"},\"contents\":\"Hello, Bob!\"}}", CD_ERR_PARAM, "missing value at message.to.wallet");
}

/* The parser keeps numbers as text and decodes strings. */
static void
test_json_parser(void)
{
	static const char *const not_json[] = {"[1,]", "-", "1.", "\"\\", "\"\t\"", "tru"};
	cd_json_arena *arena = NULL;
	cd_error	err;
	size_t		i;
	const char *text = " {\"n\": -12.5e+3, \"s\": \"a\\n\\\"b\", \"l\": [true, false, null, {}], \"e\": \"\"} ";
	cd_json    *root = cd_json_parse(text, strlen(text), &arena, &err);
	const cd_json *v;

	CHECK(root != NULL && root->kind == CD_JSON_OBJECT && root->count == 4);
	v = cd_json_get(root, "n");
	CHECK(v != NULL && v->kind == CD_JSON_NUMBER && v->len == 8 && memcmp(v->text, "-12.5e+3", 8) == 0);
	v = cd_json_get(root, "s");
	CHECK(v != NULL && v->kind == CD_JSON_STRING && v->len == 4 && memcmp(v->text, "a\n\"b", 4) == 0);
	v = cd_json_get(root, "l");
	CHECK(v != NULL && v->kind == CD_JSON_ARRAY && v->count == 4 && v->first->kind == CD_JSON_TRUE);
	CHECK(cd_json_get(root, "missing") == NULL);
	cd_json_free(arena);
	/* texts that are not JSON: a syntax error each */
	for (i = 0; i < sizeof(not_json) / sizeof(not_json[0]); i++)
	{
		CHECK(cd_json_parse(not_json[i], strlen(not_json[i]), &arena, &err) == NULL && err.code == CD_ERR_SYNTAX);
		cd_json_free(arena);
	}
}

/* Run every test; the last line is "N passed, N failed". */
int
main(void)
{
	RUN(test_mail_example);
	RUN(test_v4_arrays);
	RUN(test_integers);
	RUN(test_no_double_rounding);
	RUN(test_other_atomics);
	RUN(test_member_errors);
	RUN(test_arrays);
	RUN(test_structs_and_recursion);
	RUN(test_caches);
	RUN(test_domain_inference);
	RUN(test_errors);
	RUN(test_json_parser);
	return unit_summary("test_eip712");
}
