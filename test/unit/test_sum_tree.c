/*
 * test_sum_tree.c - Merkle sum trees of liabilities and their proofs
 *
 * The expected hashes were computed with ethers 6 (keccak256 over the
 * concatenation docs/solvency.md specifies), independently of this code:
 * three leaves, accounts 0x11..11, 0x22..22, 0x33..33, balances 5, 7 and
 * 2^255, salts 0xaa..aa, 0xbb..bb, 0xcc..cc.
 */
#include <stdlib.h>

#include "unit.h"
#include "core/sum_tree.h"

#define LEAF0 "a8b53b9ec4707c154ab8aa15764a80e9c10061931baa6549e9f8a25df31fd1e1"
#define LEAF1 "573ef2fba1fe5414917d5157a1f1d8b49a78e445073f2c79ccde515e9775a0b0"
#define LEAF2 "3d904465170cf10d6687c80643095dfdd602b16767cc88db236fb6dd7a698650"
#define NODE01 "6d6cfe2db3a449e3332a0c6da1d8902049339cfe739cdaa39a327a90afd68931"
#define NODE2P "69645cc7cb421c9eb13f1da0ce510a1e762ae83d42c9344d6574ae947c2687d1"
#define ROOT "a37393dca047ba4295c6daa6af7844c35ad35eb4292cff37e4754b61891bdfb2"
#define TOTAL "57896044618658097711785492504343953926634992332820282019728792003956564819980"

static cd_sum_node leaves[3];
static cd_sum_node level1[2];
static cd_sum_node root;

static void
build_example(void)
{
	uint8_t		account[20];
	uint8_t		salt[32];
	cd_u256		balance[3];
	cd_error	err;

	cd_u256_from_u64(&balance[0], 5);
	cd_u256_from_u64(&balance[1], 7);
	cd_u256_zero(&balance[2]);
	balance[2].limb[3] = (mp_limb_t) 1 << 63;
	for (int i = 0; i < 3; i++)
	{
		memset(account, 0x11 * (i + 1), sizeof(account));
		memset(salt, 0xaa + 0x11 * i, sizeof(salt));
		cd_sum_tree_leaf(account, &balance[i], salt, &leaves[i]);
	}
	CHECK(cd_sum_tree_next_level(leaves, 3, level1, &err));
	CHECK(cd_sum_tree_next_level(level1, 2, &root, &err));
}

/* A proof of leaf k of the example, from the levels built above. */
static void
example_proof(size_t k, cd_sum_proof *p)
{
	static const cd_sum_node padding;

	memset(p, 0, sizeof(*p));
	memset(p->account, 0x11 * (int) (k + 1), 20);
	memset(p->salt, 0xaa + 0x11 * (int) k, 32);
	p->balance = leaves[k].sum;
	p->has_leaf = true;
	memcpy(p->leaf, leaves[k].hash, 32);
	p->index = k;
	p->leaf_count = 3;
	p->depth = 2;
	p->path[0] = (k == 2) ? padding : leaves[k ^ 1];
	p->path[1] = level1[(k / 2) ^ 1];
	memcpy(p->root, root.hash, 32);
	p->total = root.sum;
}

static void
test_known_tree(void)
{
	char		total[CD_U256_DECIMAL_LEN];

	build_example();
	CHECK_HEX_EQ(leaves[0].hash, 32, LEAF0);
	CHECK_HEX_EQ(leaves[1].hash, 32, LEAF1);
	CHECK_HEX_EQ(leaves[2].hash, 32, LEAF2);
	CHECK_HEX_EQ(level1[0].hash, 32, NODE01);
	CHECK_HEX_EQ(level1[1].hash, 32, NODE2P);
	CHECK_HEX_EQ(root.hash, 32, ROOT);
	cd_u256_format_decimal(&root.sum, total);
	CHECK_STR_EQ(total, TOTAL);
}

static void
test_depth(void)
{
	CHECK(cd_sum_tree_depth(1) == 0);
	CHECK(cd_sum_tree_depth(2) == 1);
	CHECK(cd_sum_tree_depth(3) == 2);
	CHECK(cd_sum_tree_depth(4) == 2);
	CHECK(cd_sum_tree_depth(5) == 3);
	CHECK(cd_sum_tree_depth(CD_SUM_TREE_MAX_LEAVES) == CD_SUM_TREE_MAX_DEPTH);
}

/* Every proof verifies; any changed byte of balance, salt, sibling or sum fails. */
static void
test_proofs_and_tampering(void)
{
	for (size_t k = 0; k < 3; k++)
	{
		cd_sum_proof p;
		cd_sum_proof t;
		cd_u256		one;

		example_proof(k, &p);
		CHECK(cd_sum_proof_verify(&p));
		cd_u256_from_u64(&one, 1);

		t = p;
		CHECK(cd_u256_sub(&p.balance, &one, &t.balance));
		CHECK(!cd_sum_proof_verify(&t));
		t = p;
		t.has_leaf = false;
		CHECK(cd_u256_sub(&p.balance, &one, &t.balance));
		CHECK(!cd_sum_proof_verify(&t));
		t = p;
		t.salt[31] ^= 1;
		CHECK(!cd_sum_proof_verify(&t));
		t = p;
		t.path[1].hash[0] ^= 0x80;
		CHECK(!cd_sum_proof_verify(&t));
		/* a sibling claiming less: the total would still add up to less, and the hash changes */
		t = p;
		CHECK(cd_u256_sub(&p.path[1].sum, &one, &t.path[1].sum));
		CHECK(cd_u256_sub(&p.total, &one, &t.total));
		CHECK(!cd_sum_proof_verify(&t));
		t = p;
		t.index ^= 1;
		CHECK(!cd_sum_proof_verify(&t));
		t = p;
		CHECK(cd_u256_add(&p.total, &one, &t.total));
		CHECK(!cd_sum_proof_verify(&t));
	}
}

static void
test_overflow_refused(void)
{
	cd_sum_node two[2];
	cd_sum_node up;
	cd_error	err;

	memset(two, 0, sizeof(two));
	cd_u256_max(&two[0].sum);
	cd_u256_from_u64(&two[1].sum, 1);
	CHECK_FAILS(cd_sum_tree_next_level(two, 2, &up, &err), err, CD_ERR_RANGE, "exceeds 2^256 - 1");
	CHECK(!cd_sum_tree_parent(&two[0], &two[1], &up));
	cd_u256_zero(&two[1].sum);
	CHECK(cd_sum_tree_parent(&two[0], &two[1], &up));
}

/*
 * The level builder on stored nodes gives the example's levels and root,
 * and refuses an overflowing sum as cd_sum_tree_next_level does.
 */
static void
test_next_level_encoded(void)
{
	uint8_t		level0[3 * CD_SUM_TREE_NODE_LEN];
	uint8_t		up[2 * CD_SUM_TREE_NODE_LEN];
	uint8_t		top[CD_SUM_TREE_NODE_LEN];
	uint8_t		two[2 * CD_SUM_TREE_NODE_LEN];
	cd_sum_node node;
	cd_error	err;

	build_example();
	for (int i = 0; i < 3; i++)
	{
		uint8_t		account[20];
		uint8_t		salt[32];
		uint8_t		balance_be[32];
		uint8_t		expected[CD_SUM_TREE_NODE_LEN];

		memset(account, 0x11 * (i + 1), sizeof(account));
		memset(salt, 0xaa + 0x11 * i, sizeof(salt));
		cd_u256_to_be32(&leaves[i].sum, balance_be);
		cd_sum_tree_leaf_encoded(account, balance_be, salt, level0 + i * CD_SUM_TREE_NODE_LEN);
		cd_sum_node_encode(&leaves[i], expected);
		CHECK(memcmp(level0 + i * CD_SUM_TREE_NODE_LEN, expected, CD_SUM_TREE_NODE_LEN) == 0);
	}
	CHECK_HEX_EQ(level0, 32, LEAF0);
	CHECK(cd_sum_tree_next_level_encoded(level0, 3, up, &err));
	CHECK_HEX_EQ(up, 32, NODE01);
	CHECK_HEX_EQ(up + CD_SUM_TREE_NODE_LEN, 32, NODE2P);
	CHECK(cd_sum_tree_next_level_encoded(up, 2, top, &err));
	cd_sum_node_decode(top, &node);
	CHECK_HEX_EQ(node.hash, 32, ROOT);
	CHECK(cd_u256_cmp(&node.sum, &root.sum) == 0);

	memset(&node, 0, sizeof(node));
	cd_u256_max(&node.sum);
	cd_sum_node_encode(&node, two);
	cd_u256_from_u64(&node.sum, 1);
	cd_sum_node_encode(&node, two + CD_SUM_TREE_NODE_LEN);
	CHECK_FAILS(cd_sum_tree_next_level_encoded(two, 2, top, &err), err, CD_ERR_RANGE, "exceeds 2^256 - 1");
}

static void
test_node_encoding(void)
{
	uint8_t		bytes[64];
	cd_sum_node back;

	cd_sum_node_encode(&leaves[0], bytes);
	CHECK_HEX_EQ(bytes, 32, LEAF0);
	CHECK(bytes[63] == 5 && bytes[62] == 0);
	cd_sum_node_decode(bytes, &back);
	CHECK(memcmp(&back, &leaves[0], sizeof(back)) == 0);
}

/* format, then parse: the same proof, which verifies */
static void
test_json_round_trip(void)
{
	for (size_t k = 0; k < 3; k++)
	{
		cd_sum_proof p;
		cd_sum_proof q;
		char		json[CD_SUM_PROOF_JSON_MAX];
		size_t		len;
		cd_error	err;

		example_proof(k, &p);
		len = cd_sum_proof_format(&p, json);
		CHECK(len == strlen(json));
		CHECK(cd_sum_proof_parse(json, len, &q, &err));
		CHECK(memcmp(&p, &q, sizeof(p)) == 0);
		CHECK(cd_sum_proof_verify(&q));
	}
}

/* Replace the first occurrence of from in json by to, into out. */
static const char *
edit(const char *json, const char *from, const char *to, char *out)
{
	const char *at = strstr(json, from);

	if (at == NULL)
		abort();
	snprintf(out, CD_SUM_PROOF_JSON_MAX, "%.*s%s%s", (int) (at - json), json, to, at + strlen(from));
	return out;
}

/* An edit of the JSON of proof 0 and how the parser must refuse it. */
typedef struct bad_edit
{
	const char *from;
	const char *to;
	cd_errcode	code;
	const char *fragment;
} bad_edit;

static const bad_edit bad_edits[] = {
	{"\"salt\"", "\"pepper\"", CD_ERR_PARAM, "unknown member \"pepper\""},
	{"\"total\": ", "\"totals\": ", CD_ERR_PARAM, "unknown member \"totals\""},
	{"\"balance\": \"5\"", "\"balance\": 5", CD_ERR_PARAM, "\"balance\" of a liabilities proof must be a string, not a number"},
	{"\"balance\": \"5\"", "\"balance\": \"-5\"", CD_ERR_RANGE, "\"balance\" of a liabilities proof is negative"},
	{"\"balance\": \"5\"", "\"balance\": \"5.0\"", CD_ERR_SYNTAX, "must be a non-negative integer"},
	{"\"balance\": \"5\"", "\"balance\": \"115792089237316195423570985008687907853269984665640564039457584007913129639936\"",
	 CD_ERR_RANGE, "\"balance\" of a liabilities proof is out of range for uint256"},
	{"\"salt\": \"0x", "\"salt\": \"0xzz", CD_ERR_SYNTAX, "\"salt\" of a liabilities proof is not hexadecimal"},
	{"\"salt\": \"0x", "\"salt\": \"0xaa", CD_ERR_PARAM, "\"salt\" of a liabilities proof must be 32 bytes, not 66 hex digits"},
	{"\"salt\": \"0x", "\"salt\": \"", CD_ERR_SYNTAX, "must start with 0x"},
	{"\"account\": \"0x11", "\"account\": \"0x", CD_ERR_PARAM, "\"account\" of a liabilities proof must be 20 bytes, not 38 hex digits"},
	{"\"index\": 0", "\"index\": 3", CD_ERR_PARAM, "index 3 of a liabilities proof is not below its leaf_count 3"},
	{"\"index\": 0", "\"index\": -1", CD_ERR_PARAM, "\"index\" of a liabilities proof must be a whole number"},
	{"\"leaf_count\": 3", "\"leaf_count\": 5", CD_ERR_PARAM, "the path of a liabilities proof of 5 leaves must have 3 levels, not 2"},
	{"\"leaf_count\": 3", "\"leaf_count\": 4294967297", CD_ERR_PARAM,
	 "\"leaf_count\" of a liabilities proof must be a whole number from 0 to 4294967296"},
	{"\"sum\": \"7\"", "\"sum\": \"-7\"", CD_ERR_RANGE, "\"sum\" of path[0] of a liabilities proof is negative"},
	{"\"sum\": \"7\"", "\"sum\": \"7\", \"side\": 1", CD_ERR_PARAM, "path[0] of a liabilities proof must have exactly hash and sum"},
	{"\"path\": [", "\"path\": [1, ", CD_ERR_PARAM, "the path of a liabilities proof of 3 leaves must have 2 levels, not 3"},
	{"{", "[", CD_ERR_SYNTAX, ""},
};

static void
test_parse_errors(void)
{
	cd_sum_proof p;
	cd_sum_proof q;
	char		json[CD_SUM_PROOF_JSON_MAX];
	char		bad[CD_SUM_PROOF_JSON_MAX];
	cd_error	err;

	example_proof(0, &p);
	cd_sum_proof_format(&p, json);
	CHECK_FAILS(cd_sum_proof_parse("[]", 2, &q, &err), err, CD_ERR_PARAM, "must be a JSON object, not an array");
	for (size_t i = 0; i < sizeof(bad_edits) / sizeof(bad_edits[0]); i++)
	{
		edit(json, bad_edits[i].from, bad_edits[i].to, bad);
		cd_error_clear(&err);
		CHECK_FAILS(cd_sum_proof_parse(bad, strlen(bad), &q, &err), err, bad_edits[i].code, bad_edits[i].fragment);
	}
	/* informative members are accepted and ignored */
	edit(json, "{", "{\"snapshot\": 1, \"asset\": \"eip155:1/slip44:60\", \"seq\": 9, \"journal_head\": \"0x00\", ", bad);
	CHECK(cd_sum_proof_parse(bad, strlen(bad), &q, &err));
	CHECK(cd_sum_proof_verify(&q));
}

int
main(void)
{
	RUN(test_known_tree);
	RUN(test_depth);
	RUN(test_proofs_and_tampering);
	RUN(test_overflow_refused);
	RUN(test_next_level_encoded);
	RUN(test_node_encoding);
	RUN(test_json_round_trip);
	RUN(test_parse_errors);
	return unit_summary("test_sum_tree");
}
