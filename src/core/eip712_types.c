/*
 * eip712_types.c - the EIP-712 struct table: type names, the member lists
 * of "types", encodeType and typeHash
 *
 * Struct definitions are read from "types" into a small table in the
 * parser's arena: names first, so that members may refer to any struct,
 * including recursively, then each member's type parsed once (atomic,
 * struct, array suffixes).  encodeType collects a struct's dependencies
 * with an explicit worklist over the table, so a recursive type costs no
 * recursion.  This is all that knows the syntax of type names; value
 * encoding (eip712_values.c) only walks the parsed table.
 */
#include <stdlib.h>
#include <string.h>

#include "eip712_internal.h"
#include "keccak.h"
#include "small_decimal.h"

/* array lengths in type names: at most 9 digits */
#define MAX_DIM_DIGITS 9

/* encodeType output: into a Keccak context, a text buffer, or both */
typedef struct sink
{
	cd_keccak256_ctx *k;
	char	   *buf;
	size_t		cap;
	size_t		len;
	bool		overflow;
} sink;

/* ---------------------------------------------------------------------
 * Type names
 * --------------------------------------------------------------------- */

/* A Solidity identifier: [A-Za-z_$][A-Za-z0-9_$]* */
static bool
is_identifier(const char *s, size_t n)
{
	size_t		i;

	if (n == 0)
		return false;
	for (i = 0; i < n; i++)
	{
		char		c = s[i];
		bool		alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';

		if (!alpha && !(i > 0 && c >= '0' && c <= '9'))
			return false;
	}
	return true;
}

/*
 * N of a sized type name prefix + N ("bytes32", "uint256", "int8"): N from
 * min to max (min > 0) in steps of step, written as cd_small_decimal reads
 * it; -1 when s is not such a name.
 */
static inline int
sized_name(const char *s, size_t n, const char *prefix, int min, int max, int step)
{
	size_t		plen = strlen(prefix);
	int			v;

	if (n <= plen || memcmp(s, prefix, plen) != 0)
		return -1;
	v = cd_small_decimal(s + plen, n - plen);
	return v >= min && v <= max && v % step == 0 ? v : -1;
}

/* True (and ft filled) when s is an atomic or dynamic EIP-712 type. */
static bool
parse_atomic(const char *s, size_t n, field_type *ft)
{
	int			v;

#define IS(word) (n == sizeof(word) - 1 && memcmp(s, word, n) == 0)
	if (IS("address"))
		ft->kind = K_ADDRESS;
	else if (IS("bool"))
		ft->kind = K_BOOL;
	else if (IS("string"))
		ft->kind = K_STRING;
	else if (IS("bytes"))
		ft->kind = K_BYTES;
	else if ((v = sized_name(s, n, "bytes", 1, 32, 1)) > 0)
	{
		ft->kind = K_BYTESN;
		ft->size = v;
	}
	else if ((v = sized_name(s, n, "uint", 8, 256, 8)) > 0)
	{
		ft->kind = K_UINT;
		ft->size = v;
	}
	else if ((v = sized_name(s, n, "int", 8, 256, 8)) > 0)
	{
		ft->kind = K_INT;
		ft->size = v;
	}
	else
		return false;
#undef IS
	return true;
}

/* Index of the struct with this name, or -1. */
long
eip712_find_struct(const enc *e, const char *name, size_t len)
{
	size_t		i;

	for (i = 0; i < e->nstructs; i++)
		if (e->structs[i].namelen == len && memcmp(e->structs[i].name, name, len) == 0)
			return (long) i;
	return -1;
}

/*
 * Parse a member type such as "uint256", "Person", "bytes32[2][]": the
 * element type, then array suffixes; the last suffix is the outermost.
 * The path points at the "type" member when this fails.
 */
bool
eip712_parse_field_type(enc *e, const char *text, size_t len, field_type *ft)
{
	char		quoted[128];
	size_t		base_len = 0;
	size_t		i;
	int			ndims = 0;
	int			d;

	memset(ft, 0, sizeof(*ft));
	ft->text = text;
	ft->len = len;
	while (base_len < len && text[base_len] != '[')
		base_len++;
	ft->base_len = base_len;
	for (i = base_len; i < len; i++)
		if (text[i] == '[')
			ndims++;
	if (ndims > 0)
	{
		ft->dims = cd_json_arena_alloc(e->arena, sizeof(size_t) * (size_t) ndims);
		ft->dim_end = cd_json_arena_alloc(e->arena, sizeof(size_t) * (size_t) ndims);
		if (ft->dims == NULL || ft->dim_end == NULL)
			return eip712_fail_nomem(e);
	}
	ft->ndims = ndims;
	i = base_len;
	for (d = 0; d < ndims; d++)
	{
		size_t		start;
		size_t		v = 0;

		if (i >= len || text[i] != '[')
			goto bad;
		start = ++i;
		while (i < len && text[i] >= '0' && text[i] <= '9')
			v = v * 10 + (size_t) (text[i++] - '0');
		if (i >= len || text[i] != ']' || i - start > MAX_DIM_DIGITS ||
			(i - start > 1 && text[start] == '0'))
			goto bad;
		ft->dims[d] = (i == start) ? DYNAMIC_ARRAY : v;
		ft->dim_end[d] = ++i;
	}
	if (i != len)
		goto bad;
	if (parse_atomic(text, base_len, ft))
		return true;
	{
		long		idx = eip712_find_struct(e, text, base_len);

		if (idx < 0)
			return eip712_fail_at(e, CD_ERR_PARAM, "unknown type", "Type \"%s\" is neither an EIP-712 atomic type nor defined in types.",
								  cd_quote_input(text, base_len, quoted, sizeof(quoted)));
		ft->kind = K_STRUCT;
		ft->struct_index = (size_t) idx;
	}
	return true;

bad:
	return eip712_fail_at(e, CD_ERR_PARAM, "invalid type", "\"%s\" is not a valid EIP-712 type; array suffixes are [] or [n].",
						  cd_quote_input(text, len, quoted, sizeof(quoted)));
}

/* ---------------------------------------------------------------------
 * Reading "types"
 * --------------------------------------------------------------------- */

/* Make room for n struct definitions in total. */
static bool
reserve_structs(enc *e, size_t n)
{
	struct_def *s;

	if (n <= e->cap)
		return true;
	s = cd_json_arena_alloc(e->arena, sizeof(struct_def) * n);
	if (s == NULL)
		return eip712_fail_nomem(e);
	if (e->nstructs > 0)
		memcpy(s, e->structs, sizeof(struct_def) * e->nstructs);
	e->structs = s;
	e->cap = n;
	return true;
}

/* Register a struct name (its fields are read later). */
bool
eip712_add_struct(enc *e, const char *name, size_t len, const cd_json *def)
{
	struct_def *s;

	if (!reserve_structs(e, e->nstructs + 1))
		return false;
	s = &e->structs[e->nstructs++];
	memset(s, 0, sizeof(*s));
	s->name = name;
	s->namelen = len;
	s->def = def;
	return true;
}

/*
 * Read a struct's member list: an array of {"name": ..., "type": ...}.
 * The path is at the struct's entry.
 */
bool
eip712_read_fields(enc *e, struct_def *sd, const cd_json *list)
{
	const cd_json *item;
	size_t		i = 0;
	char		quoted[128];

	if (list->kind != CD_JSON_ARRAY)
		return eip712_fail_kind(e, "an array of {\"name\", \"type\"} members", list);
	sd->fields = cd_json_arena_alloc(e->arena, sizeof(field) * (list->count ? list->count : 1));
	if (sd->fields == NULL)
		return eip712_fail_nomem(e);
	for (item = list->first; item != NULL; item = item->next, i++)
	{
		size_t		saved = eip712_path_push_index(e, i);
		const cd_json *name;
		const cd_json *type;
		field	   *f = &sd->fields[i];
		size_t		j;
		size_t		at;

		if (item->kind != CD_JSON_OBJECT)
			return eip712_fail_kind(e, "an object with \"name\" and \"type\"", item);
		name = cd_json_get(item, "name");
		type = cd_json_get(item, "type");
		at = eip712_path_push_key(e, "name", 4);
		if (name == NULL)
			return eip712_fail_missing(e, "Each member of a struct needs a name.");
		if (name->kind != CD_JSON_STRING)
			return eip712_fail_kind(e, "a string", name);
		if (!is_identifier(name->text, name->len))
			return eip712_fail_at(e, CD_ERR_PARAM, "invalid member name",
								  "\"%s\" is not an identifier ([A-Za-z_$][A-Za-z0-9_$]*).",
								  cd_quote_input(name->text, name->len, quoted, sizeof(quoted)));
		for (j = 0; j < i; j++)
			if (sd->fields[j].namelen == name->len && memcmp(sd->fields[j].name, name->text, name->len) == 0)
				return eip712_fail_at(e, CD_ERR_PARAM, "duplicate member name",
									  "Struct %.*s has two members named \"%s\".", (int) sd->namelen, sd->name,
									  cd_quote_input(name->text, name->len, quoted, sizeof(quoted)));
		eip712_path_pop(e, at);
		f->name = name->text;
		f->namelen = name->len;
		at = eip712_path_push_key(e, "type", 4);
		if (type == NULL)
			return eip712_fail_missing(e, "Each member of a struct needs a type.");
		if (type->kind != CD_JSON_STRING)
			return eip712_fail_kind(e, "a string", type);
		if (!eip712_parse_field_type(e, type->text, type->len, &f->type))
			return false;
		eip712_path_pop(e, at);
		eip712_path_pop(e, saved);
	}
	sd->nfields = list->count;
	return true;
}

/*
 * Read the "types" object: every key is a struct name, every value its
 * member list.  Names first, so that members may refer to any struct,
 * including recursively.
 */
bool
eip712_load_types(enc *e, const cd_json *types)
{
	const cd_json *m;
	size_t		first = e->nstructs;
	size_t		i;
	char		quoted[128];

	if (types->kind != CD_JSON_OBJECT)
		return eip712_fail_kind(e, "an object mapping struct names to member lists", types);
	/* one spare entry for an inferred EIP712Domain */
	if (!reserve_structs(e, e->nstructs + types->count + 1))
		return false;
	for (m = types->first; m != NULL; m = m->next)
	{
		field_type	probe;
		size_t		saved = eip712_path_push_key(e, m->key, m->keylen);

		if (!is_identifier(m->key, m->keylen) || parse_atomic(m->key, m->keylen, &probe))
			return eip712_fail_at(e, CD_ERR_PARAM, "invalid struct name",
								  "\"%s\" is not an identifier or is the name of an atomic type.",
								  cd_quote_input(m->key, m->keylen, quoted, sizeof(quoted)));
		eip712_path_pop(e, saved);
		if (!eip712_add_struct(e, m->key, m->keylen, m))
			return false;
	}
	for (i = first; i < e->nstructs; i++)
	{
		struct_def *sd = &e->structs[i];
		size_t		saved = eip712_path_push_key(e, sd->name, sd->namelen);

		if (!eip712_read_fields(e, sd, sd->def))
			return false;
		eip712_path_pop(e, saved);
	}
	return true;
}

/* ---------------------------------------------------------------------
 * encodeType and typeHash
 * --------------------------------------------------------------------- */

/* Append encodeType text to whichever outputs the sink has. */
static void
sink_put(sink *s, const char *p, size_t n)
{
	if (s->k != NULL)
		cd_keccak256_update(s->k, (const uint8_t *) p, n);
	if (s->buf != NULL)
	{
		if (s->len + n >= s->cap)
			s->overflow = true;
		else
		{
			memcpy(s->buf + s->len, p, n);
			s->len += n;
			s->buf[s->len] = '\0';
		}
	}
}

/* "Name(type1 name1,type2 name2)" */
static void
emit_struct(sink *s, const struct_def *sd)
{
	size_t		i;

	sink_put(s, sd->name, sd->namelen);
	sink_put(s, "(", 1);
	for (i = 0; i < sd->nfields; i++)
	{
		if (i > 0)
			sink_put(s, ",", 1);
		sink_put(s, sd->fields[i].type.text, sd->fields[i].type.len);
		sink_put(s, " ", 1);
		sink_put(s, sd->fields[i].name, sd->fields[i].namelen);
	}
	sink_put(s, ")", 1);
}

/* Order struct definitions by name, bytewise (as JavaScript's sort for ASCII names). */
static int
compare_structs(const void *a, const void *b)
{
	const struct_def *x = *(const struct_def *const *) a;
	const struct_def *y = *(const struct_def *const *) b;
	size_t		n = x->namelen < y->namelen ? x->namelen : y->namelen;
	int			c = memcmp(x->name, y->name, n);

	if (c != 0)
		return c;
	return (x->namelen > y->namelen) - (x->namelen < y->namelen);
}

/*
 * encodeType: the struct itself, then every struct it refers to, directly
 * or not, sorted by name.  A worklist over the struct table, so cycles
 * and long chains cost no recursion.
 */
static bool
encode_type(enc *e, size_t idx, sink *s)
{
	size_t	   *queue = cd_json_arena_alloc(e->arena, sizeof(size_t) * e->nstructs);
	bool	   *seen = cd_json_arena_alloc(e->arena, sizeof(bool) * e->nstructs);
	const struct_def **deps;
	size_t		n = 0;
	size_t		head = 0;
	size_t		i;

	if (queue == NULL || seen == NULL)
		return eip712_fail_nomem(e);
	memset(seen, 0, sizeof(bool) * e->nstructs);
	seen[idx] = true;
	queue[n++] = idx;
	while (head < n)
	{
		const struct_def *sd = &e->structs[queue[head++]];

		for (i = 0; i < sd->nfields; i++)
		{
			const field_type *ft = &sd->fields[i].type;

			if (ft->kind == K_STRUCT && !seen[ft->struct_index])
			{
				seen[ft->struct_index] = true;
				queue[n++] = ft->struct_index;
			}
		}
	}
	deps = cd_json_arena_alloc(e->arena, sizeof(struct_def *) * n);
	if (deps == NULL)
		return eip712_fail_nomem(e);
	for (i = 1; i < n; i++)
		deps[i - 1] = &e->structs[queue[i]];
	qsort(deps, n - 1, sizeof(struct_def *), compare_structs);
	emit_struct(s, &e->structs[idx]);
	for (i = 0; i + 1 < n; i++)
		emit_struct(s, deps[i]);
	return true;
}

/*
 * typeHash, computed once per struct per call, and remembered across calls
 * for short encodeType strings: a marketplace verifies the same few
 * schemas over and over, and each typeHash is a Keccak permutation or two.
 * The cache is keyed by the full encodeType text, so a hit is exact.  It is
 * per process and not thread-safe, as the core is used (one PostgreSQL
 * backend, one fuzzer or test thread).
 */
#define TYPE_CACHE_SLOTS 8
#define TYPE_CACHE_TEXT 320

typedef struct type_cache_entry
{
	size_t		len;
	char		text[TYPE_CACHE_TEXT];
	uint8_t		hash[32];
} type_cache_entry;

static type_cache_entry type_cache[TYPE_CACHE_SLOTS];
static unsigned type_cache_next;

bool
eip712_type_hash(enc *e, size_t idx, const uint8_t **out)
{
	struct_def *sd = &e->structs[idx];

	if (!sd->hashed)
	{
		char		text[TYPE_CACHE_TEXT];
		sink		s = {NULL, text, sizeof(text), 0, false};
		unsigned	i;

		if (!encode_type(e, idx, &s))
			return false;
		if (s.overflow)
		{
			/* too long to remember: stream it through Keccak */
			cd_keccak256_ctx k;
			sink		ks = {&k, NULL, 0, 0, false};

			cd_keccak256_init(&k);
			if (!encode_type(e, idx, &ks))
				return false;
			cd_keccak256_final(&k, sd->type_hash);
		}
		else
		{
			type_cache_entry *hit = NULL;

			for (i = 0; i < TYPE_CACHE_SLOTS && hit == NULL; i++)
				if (type_cache[i].len == s.len && s.len > 0 && memcmp(type_cache[i].text, text, s.len) == 0)
					hit = &type_cache[i];
			if (hit == NULL)
			{
				hit = &type_cache[type_cache_next++ % TYPE_CACHE_SLOTS];
				cd_keccak256((const uint8_t *) text, s.len, hit->hash);
				memcpy(hit->text, text, s.len);
				hit->len = s.len;
			}
			memcpy(sd->type_hash, hit->hash, 32);
		}
		sd->hashed = true;
	}
	*out = sd->type_hash;
	return true;
}

/*
 * encodeType of struct idx as text into buf (NUL-terminated when bufsize
 * > 0) and its keccak256 into hash, in one pass.  *overflow says the text
 * did not fit in buf; hash is right either way.
 */
bool
eip712_encode_type_text(enc *e, size_t idx, char *buf, size_t bufsize, uint8_t hash[32], bool *overflow)
{
	cd_keccak256_ctx k;
	sink		s = {&k, buf, bufsize, 0, false};

	if (bufsize > 0)
		buf[0] = '\0';
	cd_keccak256_init(&k);
	if (!encode_type(e, idx, &s))
		return false;
	cd_keccak256_final(&k, hash);
	*overflow = s.overflow;
	return true;
}
