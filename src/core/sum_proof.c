/*
 * sum_proof.c - the JSON form of a liabilities inclusion proof: a strict
 * parser (fuzzed by test/fuzz/fuzz_sum_proof.c) and its writer
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "hex.h"
#include "json.h"
#include "sum_tree.h"

/* Members a proof may carry: the verified ones, then what only informs. */
static const char *const verified_members[] = {
	"account", "balance", "salt", "leaf", "index", "leaf_count", "path", "root", "total"
};
static const char *const informative_members[] = {"snapshot", "asset", "seq", "journal_head"};

#define lengthof(a) (sizeof(a) / sizeof((a)[0]))

static bool
member_is_known(const cd_json *m)
{
	for (size_t i = 0; i < lengthof(verified_members); i++)
		if (m->keylen == strlen(verified_members[i]) && memcmp(m->key, verified_members[i], m->keylen) == 0)
			return true;
	for (size_t i = 0; i < lengthof(informative_members); i++)
		if (m->keylen == strlen(informative_members[i]) && memcmp(m->key, informative_members[i], m->keylen) == 0)
			return true;
	return false;
}

/* The member key of object, of the JSON kind wanted; NULL with err filled. */
static const cd_json *
member(const cd_json *object, const char *key, const char *where, cd_json_kind kind, cd_error *err)
{
	const cd_json *m = cd_json_get(object, key);

	if (m == NULL)
	{
		cd_fail(err, CD_ERR_PARAM, "liabilities proof has no \"%s\"%s", key, where);
		return NULL;
	}
	if (m->kind != kind)
	{
		cd_fail(err, CD_ERR_PARAM, "\"%s\"%s of a liabilities proof must be %s, not %s",
				key, where, cd_json_kind_name(kind), cd_json_kind_name(m->kind));
		return NULL;
	}
	return m;
}

/* A "0x"-prefixed hex string of exactly len bytes. */
static bool
hex_member(const cd_json *object, const char *key, const char *where, uint8_t *out, size_t len, cd_error *err)
{
	const cd_json *m = member(object, key, where, CD_JSON_STRING, err);
	char		quoted[128];

	if (m == NULL)
		return false;
	if (!cd_has_hex_prefix(m->text, m->len))
		return cd_fail(err, CD_ERR_SYNTAX, "\"%s\"%s of a liabilities proof must start with 0x: \"%s\"", key, where,
					   cd_quote_input(m->text, m->len, quoted, sizeof(quoted)));
	for (size_t i = 2; i < m->len; i++)
		if (cd_hex_digit_value(m->text[i]) < 0)
			return cd_fail(err, CD_ERR_SYNTAX, "\"%s\"%s of a liabilities proof is not hexadecimal: \"%s\"", key, where,
						   cd_quote_input(m->text, m->len, quoted, sizeof(quoted)));
	if (m->len != 2 + 2 * len)
	{
		cd_fail(err, CD_ERR_PARAM, "\"%s\"%s of a liabilities proof must be %zu bytes, not %zu hex digits",
				key, where, len, m->len - 2);
		cd_error_detail(err, "It is written as 0x and %zu hex digits.", 2 * len);
		return false;
	}
	return cd_hex_decode(m->text + 2, len, out);
}

/* A uint256 written as a JSON string of decimal digits. */
static bool
u256_member(const cd_json *object, const char *key, const char *where, cd_u256 *out, cd_error *err)
{
	const cd_json *m = member(object, key, where, CD_JSON_STRING, err);
	char		quoted[128];
	char		what[64];

	if (m == NULL)
		return false;
	if (m->len > 0 && m->text[0] == '-')
	{
		cd_fail(err, CD_ERR_RANGE, "\"%s\"%s of a liabilities proof is negative: \"%s\"", key, where,
				cd_quote_input(m->text, m->len, quoted, sizeof(quoted)));
		cd_error_detail(err, "Balances and sums are uint256, from 0 to 2^256 - 1.");
		return false;
	}
	if (m->len == 0)
		return cd_fail(err, CD_ERR_SYNTAX, "\"%s\"%s of a liabilities proof is empty", key, where);
	snprintf(what, sizeof(what), "\"%s\"%s of a liabilities proof", key, where);
	return cd_u256_parse_decimal(m->text, m->len, out, what, err);
}

/* A JSON number of plain digits, at most max. */
static bool
count_member(const cd_json *object, const char *key, uint64_t max, uint64_t *out, cd_error *err)
{
	const cd_json *m = member(object, key, "", CD_JSON_NUMBER, err);
	uint64_t	v = 0;
	char		quoted[128];

	if (m == NULL)
		return false;
	for (size_t i = 0; i < m->len; i++)
	{
		if (m->text[i] < '0' || m->text[i] > '9' || v > (max - (uint64_t) (m->text[i] - '0')) / 10)
			return cd_fail(err, CD_ERR_PARAM, "\"%s\" of a liabilities proof must be a whole number from 0 to %" PRIu64 ": %s",
						   key, max, cd_quote_input(m->text, m->len, quoted, sizeof(quoted)));
		v = v * 10 + (uint64_t) (m->text[i] - '0');
	}
	*out = v;
	return true;
}

static bool
parse_object(const cd_json *root, cd_sum_proof *proof, cd_error *err)
{
	const cd_json *path;
	const cd_json *step;
	size_t		depth;
	size_t		i;

	if (root->kind != CD_JSON_OBJECT)
		return cd_fail(err, CD_ERR_PARAM, "a liabilities proof must be a JSON object, not %s",
					   cd_json_kind_name(root->kind));
	for (const cd_json *m = root->first; m != NULL; m = m->next)
		if (!member_is_known(m))
		{
			char		quoted[128];

			cd_fail(err, CD_ERR_PARAM, "unknown member \"%s\" in a liabilities proof",
					cd_quote_input(m->key, m->keylen, quoted, sizeof(quoted)));
			cd_error_detail(err, "A proof has account, balance, salt, leaf, index, leaf_count, path, root and total, "
							"and may name its snapshot, asset, seq and journal_head.");
			return false;
		}
	memset(proof, 0, sizeof(*proof));
	if (!hex_member(root, "account", "", proof->account, CD_SUM_TREE_ACCOUNT_LEN, err) ||
		!u256_member(root, "balance", "", &proof->balance, err) ||
		!hex_member(root, "salt", "", proof->salt, CD_SUM_TREE_SALT_LEN, err) ||
		!count_member(root, "leaf_count", CD_SUM_TREE_MAX_LEAVES, &proof->leaf_count, err) ||
		!count_member(root, "index", CD_SUM_TREE_MAX_LEAVES, &proof->index, err) ||
		!hex_member(root, "root", "", proof->root, CD_SUM_TREE_HASH_LEN, err) ||
		!u256_member(root, "total", "", &proof->total, err))
		return false;
	proof->has_leaf = cd_json_get(root, "leaf") != NULL;
	if (proof->has_leaf && !hex_member(root, "leaf", "", proof->leaf, CD_SUM_TREE_HASH_LEN, err))
		return false;
	if (proof->leaf_count == 0 || proof->index >= proof->leaf_count)
		return cd_fail(err, CD_ERR_PARAM, "index %" PRIu64 " of a liabilities proof is not below its leaf_count %" PRIu64,
					   proof->index, proof->leaf_count);
	path = member(root, "path", "", CD_JSON_ARRAY, err);
	if (path == NULL)
		return false;
	depth = cd_sum_tree_depth(proof->leaf_count);
	if (path->count != depth)
	{
		cd_fail(err, CD_ERR_PARAM, "the path of a liabilities proof of %" PRIu64 " leaves must have %zu levels, not %zu",
				proof->leaf_count, depth, path->count);
		cd_error_detail(err, "A tree of n leaves has ceil(log2(n)) levels above its leaves.");
		return false;
	}
	proof->depth = depth;
	for (step = path->first, i = 0; step != NULL; step = step->next, i++)
	{
		char		where[32];

		snprintf(where, sizeof(where), " of path[%zu]", i);
		if (step->kind != CD_JSON_OBJECT)
			return cd_fail(err, CD_ERR_PARAM, "path[%zu] of a liabilities proof must be an object, not %s",
						   i, cd_json_kind_name(step->kind));
		if (step->count != 2)
			return cd_fail(err, CD_ERR_PARAM, "path[%zu] of a liabilities proof must have exactly hash and sum", i);
		if (!hex_member(step, "hash", where, proof->path[i].hash, CD_SUM_TREE_HASH_LEN, err) ||
			!u256_member(step, "sum", where, &proof->path[i].sum, err))
			return false;
	}
	return true;
}

/*
 * The tree lives in the JSON arena, freed here whatever the outcome, so a
 * caller may raise an error as soon as this returns.
 */
bool
cd_sum_proof_parse(const char *text, size_t len, cd_sum_proof *proof, cd_error *err)
{
	cd_json_arena *arena = NULL;
	cd_json    *root = cd_json_parse(text, len, &arena, err);
	bool		ok = root != NULL && parse_object(root, proof, err);

	cd_json_free(arena);
	return ok;
}

/* "0x" and the hex of len bytes at *p, advancing it. */
static void
put_hex(char **p, const uint8_t *bytes, size_t len)
{
	memcpy(*p, "0x", 2);
	cd_hex_encode(bytes, len, *p + 2);
	*p += 2 + 2 * len;
}

static void
put_text(char **p, const char *s)
{
	size_t		n = strlen(s);

	memcpy(*p, s, n);
	*p += n;
}

static void
put_u256(char **p, const cd_u256 *v)
{
	char		digits[CD_U256_DECIMAL_LEN];

	cd_u256_format_decimal(v, digits);
	put_text(p, "\"");
	put_text(p, digits);
	put_text(p, "\"");
}

/*
 * Bounded by construction: 9 fixed members and at most
 * CD_SUM_TREE_MAX_DEPTH path steps of at most 170 bytes each.
 */
size_t
cd_sum_proof_format(const cd_sum_proof *proof, char out[CD_SUM_PROOF_JSON_MAX])
{
	char	   *p = out;
	char		number[32];

	put_text(&p, "{\"account\": \"");
	put_hex(&p, proof->account, CD_SUM_TREE_ACCOUNT_LEN);
	put_text(&p, "\", \"balance\": ");
	put_u256(&p, &proof->balance);
	put_text(&p, ", \"salt\": \"");
	put_hex(&p, proof->salt, CD_SUM_TREE_SALT_LEN);
	if (proof->has_leaf)
	{
		put_text(&p, "\", \"leaf\": \"");
		put_hex(&p, proof->leaf, CD_SUM_TREE_HASH_LEN);
	}
	snprintf(number, sizeof(number), "%" PRIu64, proof->index);
	put_text(&p, "\", \"index\": ");
	put_text(&p, number);
	snprintf(number, sizeof(number), "%" PRIu64, proof->leaf_count);
	put_text(&p, ", \"leaf_count\": ");
	put_text(&p, number);
	put_text(&p, ", \"path\": [");
	for (size_t i = 0; i < proof->depth && i < CD_SUM_TREE_MAX_DEPTH; i++)
	{
		put_text(&p, i == 0 ? "{\"hash\": \"" : ", {\"hash\": \"");
		put_hex(&p, proof->path[i].hash, CD_SUM_TREE_HASH_LEN);
		put_text(&p, "\", \"sum\": ");
		put_u256(&p, &proof->path[i].sum);
		put_text(&p, "}");
	}
	put_text(&p, "], \"root\": \"");
	put_hex(&p, proof->root, CD_SUM_TREE_HASH_LEN);
	put_text(&p, "\", \"total\": ");
	put_u256(&p, &proof->total);
	put_text(&p, "}");
	*p = '\0';
	return (size_t) (p - out);
}
