/*
 * eip712.c - EIP-712 typed structured data hashing (eth_signTypedData_v4):
 * the entry points of eip712.h
 *
 * Each entry point parses its JSON once into a tree (json.c), reads the
 * struct table from "types" (eip712_types.c), infers EIP712Domain when
 * types has none, and hashes the values along the table
 * (eip712_values.c); all of it lives in the parser's arena, freed before
 * returning.  What is here is the shape of typed data and of each entry
 * point's arguments; the encoding itself is in the files it calls (see
 * eip712_internal.h for the layout).
 */
#include <string.h>

#include "eip712.h"
#include "eip712_internal.h"
#include "keccak.h"

/* ---------------------------------------------------------------------
 * Domain and primary type
 * --------------------------------------------------------------------- */

/*
 * Infer EIP712Domain from the members present in domain (null counts as
 * absent), in the order ethers and viem use.  Any other member is an
 * error: it could not be part of what is signed.  The path is "domain".
 */
static bool
infer_domain(enc *e, const cd_json *domain)
{
	static const char *const names[] = {"name", "version", "chainId", "verifyingContract", "salt"};
	static const char *const types[] = {"string", "string", "uint256", "address", "bytes32"};
	const cd_json *m;
	struct_def *sd;
	size_t		i;

	for (m = domain->first; m != NULL; m = m->next)
	{
		bool		known = false;

		for (i = 0; i < 5; i++)
			if (m->keylen == strlen(names[i]) && memcmp(m->key, names[i], m->keylen) == 0)
				known = true;
		if (!known)
		{
			size_t		saved = eip712_path_push_key(e, m->key, m->keylen);

			eip712_fail_at(e, CD_ERR_PARAM, "unknown domain field",
						   "Without an EIP712Domain entry in types, the domain may only have name, version, chainId, verifyingContract and salt.");
			cd_error_hint(e->err, "Declare EIP712Domain in types to sign other domain fields.");
			eip712_path_pop(e, saved);
			return false;
		}
	}
	if (!eip712_add_struct(e, "EIP712Domain", 12, NULL))
		return false;
	sd = &e->structs[e->nstructs - 1];
	sd->fields = cd_json_arena_alloc(e->arena, sizeof(field) * 5);
	if (sd->fields == NULL)
		return eip712_fail_nomem(e);
	for (i = 0; i < 5; i++)
	{
		const cd_json *v = cd_json_get(domain, names[i]);
		field	   *f = &sd->fields[sd->nfields];

		if (v == NULL || v->kind == CD_JSON_NULL)
			continue;
		f->name = names[i];
		f->namelen = strlen(names[i]);
		if (!eip712_parse_field_type(e, types[i], strlen(types[i]), &f->type))
			return false;
		sd->nfields++;
	}
	return true;
}

/* The EIP712Domain struct, inferred from domain when types has none. */
static bool
domain_struct(enc *e, const cd_json *domain, size_t *idx)
{
	long		found = eip712_find_struct(e, "EIP712Domain", 12);

	if (found < 0)
	{
		if (!infer_domain(e, domain))
			return false;
		found = (long) e->nstructs - 1;
	}
	*idx = (size_t) found;
	return true;
}

/* The struct named primary (NUL-terminated or len bytes), or an error. */
static bool
primary_struct(enc *e, const char *name, size_t len, size_t *idx)
{
	long		found = eip712_find_struct(e, name, len);
	char		quoted[128];

	if (found < 0)
	{
		cd_fail(e->err, CD_ERR_PARAM, "primary type \"%s\" is not defined in types",
				cd_quote_input(name, len, quoted, sizeof(quoted)));
		cd_error_detail(e->err, "The primary type names a struct defined in types, without array suffixes.");
		return false;
	}
	*idx = (size_t) found;
	return true;
}

/* ---------------------------------------------------------------------
 * Entry points
 * --------------------------------------------------------------------- */

/* The JSON texts of one call, parsed: the first always, the second if given. */
typedef struct parsed
{
	cd_json_arena *arena;
	cd_json_arena *second_arena;
	const cd_json *root;
	const cd_json *second;
} parsed;

/*
 * What every entry point starts with: parse its JSON text and, when
 * second_json is not NULL, a second text into *p (zeroed by the caller),
 * then set up the encoder on the first arena.  False with err filled when
 * a text does not parse; the caller ends with finish() either way.
 */
static bool
begin(enc *e, cd_error *err, parsed *p, const char *json, size_t len,
	  const char *second_json, size_t second_len)
{
	if ((p->root = cd_json_parse(json, len, &p->arena, err)) == NULL)
		return false;
	if (second_json != NULL &&
		(p->second = cd_json_parse(second_json, second_len, &p->second_arena, err)) == NULL)
		return false;
	memset(e, 0, sizeof(*e));
	e->arena = p->arena;
	e->err = err;
	return true;
}

/* begin() on a types text, then load its struct definitions. */
static bool
begin_types(enc *e, cd_error *err, parsed *p, const char *types_json, size_t types_len,
			const char *second_json, size_t second_len)
{
	if (!begin(e, err, p, types_json, types_len, second_json, second_len))
		return false;
	eip712_path_set(e, "types");
	return eip712_load_types(e, p->root);
}

/* Free what begin() parsed (cd_json_free takes NULL); returns ok. */
static bool
finish(parsed *p, bool ok)
{
	cd_json_free(p->second_arena);
	cd_json_free(p->arena);
	return ok;
}

/* The digest of a parsed typed-data object. */
static bool
typed_data_hash(enc *e, const cd_json *root, uint8_t digest[32])
{
	const cd_json *types = cd_json_get(root, "types");
	const cd_json *primary = cd_json_get(root, "primaryType");
	const cd_json *domain = cd_json_get(root, "domain");
	uint8_t		buf[2 + 32 + 32];
	size_t		dom_idx;
	size_t		idx;

	if (root->kind != CD_JSON_OBJECT)
	{
		cd_fail(e->err, CD_ERR_PARAM, "typed data must be a JSON object");
		cd_error_detail(e->err, "Got %s; expected an object with types, primaryType, domain and message.",
						cd_json_kind_name(root->kind));
		return false;
	}
	eip712_path_set(e, "types");
	if (types == NULL)
		return eip712_fail_missing(e, "Typed data needs types, primaryType, domain and message.");
	if (!eip712_load_types(e, types))
		return false;
	eip712_path_set(e, "primaryType");
	if (primary == NULL)
		return eip712_fail_missing(e, "Typed data needs types, primaryType, domain and message.");
	if (primary->kind != CD_JSON_STRING)
		return eip712_fail_kind(e, "a string", primary);
	eip712_path_set(e, "domain");
	if (domain == NULL)
		return eip712_fail_missing(e, "Typed data needs types, primaryType, domain and message.");
	if (domain->kind != CD_JSON_OBJECT)
		return eip712_fail_kind(e, "an object", domain);
	if (!domain_struct(e, domain, &dom_idx))
		return false;
	if (!primary_struct(e, primary->text, primary->len, &idx))
		return false;
	buf[0] = 0x19;
	buf[1] = 0x01;
	if (!eip712_hash_root(e, "domain", dom_idx, domain, buf + 2))
		return false;
	/* primaryType EIP712Domain signs the domain alone (ethers, viem, eth-sig-util) */
	if (idx == dom_idx)
	{
		cd_keccak256(buf, 2 + 32, digest);
		return true;
	}
	if (!eip712_hash_root(e, "message", idx, cd_json_get(root, "message"), buf + 34))
		return false;
	cd_keccak256(buf, sizeof(buf), digest);
	return true;
}

/* Parse typed data JSON, hash it, free everything. */
bool
cd_eip712_hash(const char *json, size_t len, uint8_t digest[CD_EIP712_HASH_LEN], cd_error *err)
{
	parsed		p = {0};
	enc			e;
	bool		ok;

	ok = begin(&e, err, &p, json, len, NULL, 0) && typed_data_hash(&e, p.root, digest);
	return finish(&p, ok);
}

/* The domain struct's hash of a parsed domain, with its parsed types if given. */
static bool
domain_hash(enc *e, const cd_json *domain, const cd_json *types, uint8_t out[CD_EIP712_HASH_LEN])
{
	size_t		idx;

	eip712_path_set(e, "types");
	if (types != NULL && types->kind == CD_JSON_ARRAY)
	{
		/* the EIP712Domain member list itself */
		if (!eip712_add_struct(e, "EIP712Domain", 12, types) || !eip712_read_fields(e, &e->structs[0], types))
			return false;
	}
	else if (types != NULL && !eip712_load_types(e, types))
		return false;
	eip712_path_set(e, "domain");
	if (domain->kind != CD_JSON_OBJECT)
		return eip712_fail_kind(e, "an object", domain);
	return domain_struct(e, domain, &idx) && eip712_hash_root(e, "domain", idx, domain, out);
}

/* Parse the domain (and types), hash the domain struct, free everything. */
bool
cd_eip712_domain_separator(const char *domain_json, size_t domain_len,
						   const char *types_json, size_t types_len,
						   uint8_t out[CD_EIP712_HASH_LEN], cd_error *err)
{
	parsed		p = {0};
	enc			e;
	bool		ok;

	ok = begin(&e, err, &p, domain_json, domain_len, types_json, types_len) &&
		domain_hash(&e, p.root, p.second, out);
	return finish(&p, ok);
}

/* hashStruct of the primary type over parsed data, the types loaded. */
static bool
struct_hash(enc *e, const char *primary_type, size_t primary_len, const cd_json *data,
			uint8_t out[CD_EIP712_HASH_LEN])
{
	size_t		idx;

	/* EIP712Domain may be left to inference, as in typed data */
	if (eip712_find_struct(e, primary_type, primary_len) < 0 &&
		primary_len == 12 && memcmp(primary_type, "EIP712Domain", 12) == 0 &&
		data->kind == CD_JSON_OBJECT)
	{
		eip712_path_set(e, "data");
		if (!infer_domain(e, data))
			return false;
	}
	return primary_struct(e, primary_type, primary_len, &idx) && eip712_hash_root(e, "data", idx, data, out);
}

/* Parse types and data, hashStruct the primary type, free everything. */
bool
cd_eip712_hash_struct(const char *types_json, size_t types_len,
					  const char *primary_type, size_t primary_len,
					  const char *data_json, size_t data_len,
					  uint8_t out[CD_EIP712_HASH_LEN], cd_error *err)
{
	parsed		p = {0};
	enc			e;
	bool		ok;

	ok = begin_types(&e, err, &p, types_json, types_len, data_json, data_len) &&
		struct_hash(&e, primary_type, primary_len, p.second, out);
	return finish(&p, ok);
}

/* encodeType text and typeHash of one struct of the loaded types. */
static bool
type_text(enc *e, const char *name, size_t name_len, char *buf, size_t bufsize,
		  uint8_t type_hash_out[CD_EIP712_HASH_LEN])
{
	size_t		idx;
	bool		overflow;

	if (!primary_struct(e, name, name_len, &idx) ||
		!eip712_encode_type_text(e, idx, buf, bufsize, type_hash_out, &overflow))
		return false;
	if (overflow)
		return cd_fail(e->err, CD_ERR_LIMIT, "encoded type does not fit in %zu bytes", bufsize);
	return true;
}

/* encodeType text and typeHash of one struct (for tests and tools). */
bool
cd_eip712_encode_type(const char *types_json, size_t types_len,
					  const char *name, size_t name_len,
					  char *buf, size_t bufsize,
					  uint8_t type_hash_out[CD_EIP712_HASH_LEN], cd_error *err)
{
	parsed		p = {0};
	enc			e;
	bool		ok;

	ok = begin_types(&e, err, &p, types_json, types_len, NULL, 0) &&
		type_text(&e, name, name_len, buf, bufsize, type_hash_out);
	return finish(&p, ok);
}
