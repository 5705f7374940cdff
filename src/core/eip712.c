/*
 * eip712.c - EIP-712 typed structured data hashing (eth_signTypedData_v4)
 *
 * The JSON is parsed once into a tree (json.c); struct definitions are
 * read from "types" into a small table; hashStruct then walks the value
 * tree along the types, feeding 32-byte words straight into Keccak
 * contexts, so nothing but the tree and the table is allocated, and all of
 * it lives in the parser's arena, freed before returning.
 *
 * Recursion follows the nesting of the JSON value (bounded by
 * CD_JSON_MAX_DEPTH), never the type graph: a recursive type such as
 * Person { Person mother } only recurses as deep as the data does, and
 * encodeType collects dependencies with an explicit worklist.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eip712.h"
#include "eth_address.h"
#include "hex.h"
#include "json.h"
#include "keccak.h"
#include "uint256.h"

#define PATH_LEN 256
#define DYNAMIC_ARRAY ((size_t) -1)
/* array lengths in type names: at most 9 digits */
#define MAX_DIM_DIGITS 9
/* each JSON level is at most one array or struct level of encoding */
#define MAX_ENCODE_DEPTH (CD_JSON_MAX_DEPTH + 2)

typedef enum base_kind
{
	K_UINT,
	K_INT,
	K_ADDRESS,
	K_BOOL,
	K_BYTESN,
	K_BYTES,
	K_STRING,
	K_STRUCT
} base_kind;

typedef struct field_type
{
	base_kind	kind;
	int			size;			/* bits for uintN/intN, bytes for bytesN */
	size_t		struct_index;	/* K_STRUCT */
	int			ndims;
	size_t	   *dims;			/* dims[ndims - 1] is the outermost */
	size_t	   *dim_end;		/* text length up to and including bracket k */
	size_t		base_len;		/* text length of the element type */
	const char *text;
	size_t		len;
} field_type;

typedef struct field
{
	const char *name;
	size_t		namelen;
	field_type	type;
} field;

typedef struct struct_def
{
	const char *name;
	size_t		namelen;
	const cd_json *def;
	field	   *fields;
	size_t		nfields;
	bool		hashed;
	uint8_t		type_hash[32];
} struct_def;

typedef struct enc
{
	cd_json_arena *arena;
	cd_error   *err;
	struct_def *structs;
	size_t		nstructs;
	size_t		cap;
	char		path[PATH_LEN];
	size_t		pathlen;
} enc;

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
 * Paths and errors
 * --------------------------------------------------------------------- */

/* Append text to the path; a path that no longer fits ends in "...". */
static void
path_append(enc *e, const char *s, size_t n)
{
	if (e->pathlen + n + 4 > PATH_LEN)
	{
		if (e->pathlen + 4 <= PATH_LEN && (e->pathlen < 3 || memcmp(e->path + e->pathlen - 3, "...", 3) != 0))
		{
			memcpy(e->path + e->pathlen, "...", 3);
			e->pathlen += 3;
			e->path[e->pathlen] = '\0';
		}
		return;
	}
	memcpy(e->path + e->pathlen, s, n);
	e->pathlen += n;
	e->path[e->pathlen] = '\0';
}

/* Set the path to a root name ("message", "types"). */
static void
path_set(enc *e, const char *root)
{
	e->pathlen = 0;
	e->path[0] = '\0';
	path_append(e, root, strlen(root));
}

/* Enter member key; returns the length to restore with path_pop. */
static size_t
path_push_key(enc *e, const char *key, size_t len)
{
	size_t		saved = e->pathlen;
	char		quoted[128];
	const char *shown = cd_quote_input(key, len, quoted, sizeof(quoted));

	if (e->pathlen > 0)
		path_append(e, ".", 1);
	path_append(e, shown, strlen(shown));
	return saved;
}

/* Enter array element i. */
static size_t
path_push_index(enc *e, size_t i)
{
	size_t		saved = e->pathlen;
	char		buf[32];
	int			n = snprintf(buf, sizeof(buf), "[%zu]", i);

	path_append(e, buf, (size_t) n);
	return saved;
}

/* Leave a member or element entered with path_push_*. */
static void
path_pop(enc *e, size_t saved)
{
	e->pathlen = saved;
	e->path[saved] = '\0';
}

/*
 * Fail with "<what> at <path>" and an optional detail sentence; every
 * error about a value names where it is.
 */
static bool
fail_at(enc *e, cd_errcode code, const char *what, const char *detail_fmt,...)
	__attribute__((format(printf, 4, 5)));

/* (declared above with its format attribute) */
static bool
fail_at(enc *e, cd_errcode code, const char *what, const char *detail_fmt,...)
{
	if (e->pathlen > 0)
		cd_fail(e->err, code, "%s at %s", what, e->path);
	else
		cd_fail(e->err, code, "%s", what);
	if (detail_fmt != NULL && e->err != NULL)
	{
		va_list		ap;

		va_start(ap, detail_fmt);
		vsnprintf(e->err->detail, sizeof(e->err->detail), detail_fmt, ap);
		va_end(ap);
	}
	return false;
}

/* Fail with CD_ERR_NOMEM: the arena could not grow. */
static bool
fail_nomem(enc *e)
{
	return cd_fail(e->err, CD_ERR_NOMEM, "out of memory while hashing typed data");
}

/* Wrong JSON kind for what was expected there. */
static bool
fail_kind(enc *e, const char *expected, const cd_json *v)
{
	return fail_at(e, CD_ERR_PARAM, "wrong JSON type", "Expected %s, got %s.",
				   expected, cd_json_kind_name(v->kind));
}

/* A required value is absent at the current path. */
static bool
fail_missing(enc *e, const char *needed)
{
	return fail_at(e, CD_ERR_PARAM, "missing value", "%s", needed);
}

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

/* Decimal without leading zeros, 1 to 3 digits; -1 otherwise. */
static int
small_number(const char *s, size_t n)
{
	int			v = 0;
	size_t		i;

	if (n == 0 || n > 3 || s[0] == '0')
		return -1;
	for (i = 0; i < n; i++)
	{
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
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
	else if (n > 5 && memcmp(s, "bytes", 5) == 0)
	{
		v = small_number(s + 5, n - 5);
		if (v < 1 || v > 32)
			return false;
		ft->kind = K_BYTESN;
		ft->size = v;
	}
	else if (n > 4 && memcmp(s, "uint", 4) == 0)
	{
		v = small_number(s + 4, n - 4);
		if (v < 8 || v > 256 || v % 8 != 0)
			return false;
		ft->kind = K_UINT;
		ft->size = v;
	}
	else if (n > 3 && memcmp(s, "int", 3) == 0)
	{
		v = small_number(s + 3, n - 3);
		if (v < 8 || v > 256 || v % 8 != 0)
			return false;
		ft->kind = K_INT;
		ft->size = v;
	}
	else
		return false;
#undef IS
	return true;
}

/* Index of the struct with this name, or -1. */
static long
find_struct(const enc *e, const char *name, size_t len)
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
static bool
parse_field_type(enc *e, const char *text, size_t len, field_type *ft)
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
			return fail_nomem(e);
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
		long		idx = find_struct(e, text, base_len);

		if (idx < 0)
			return fail_at(e, CD_ERR_PARAM, "unknown type", "Type \"%s\" is neither an EIP-712 atomic type nor defined in types.",
						   cd_quote_input(text, base_len, quoted, sizeof(quoted)));
		ft->kind = K_STRUCT;
		ft->struct_index = (size_t) idx;
	}
	return true;

bad:
	return fail_at(e, CD_ERR_PARAM, "invalid type", "\"%s\" is not a valid EIP-712 type; array suffixes are [] or [n].",
				   cd_quote_input(text, len, quoted, sizeof(quoted)));
}

/* The type's name at an array level (level ndims is the whole type). */
static void
type_name_at(const field_type *ft, int level, char *buf, size_t bufsize)
{
	size_t		n = level == 0 ? ft->base_len : ft->dim_end[level - 1];

	cd_quote_input(ft->text, n, buf, bufsize);
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
		return fail_nomem(e);
	if (e->nstructs > 0)
		memcpy(s, e->structs, sizeof(struct_def) * e->nstructs);
	e->structs = s;
	e->cap = n;
	return true;
}

/* Register a struct name (its fields are read later). */
static bool
add_struct(enc *e, const char *name, size_t len, const cd_json *def)
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
static bool
read_fields(enc *e, struct_def *sd, const cd_json *list)
{
	const cd_json *item;
	size_t		i = 0;
	char		quoted[128];

	if (list->kind != CD_JSON_ARRAY)
		return fail_kind(e, "an array of {\"name\", \"type\"} members", list);
	sd->fields = cd_json_arena_alloc(e->arena, sizeof(field) * (list->count ? list->count : 1));
	if (sd->fields == NULL)
		return fail_nomem(e);
	for (item = list->first; item != NULL; item = item->next, i++)
	{
		size_t		saved = path_push_index(e, i);
		const cd_json *name;
		const cd_json *type;
		field	   *f = &sd->fields[i];
		size_t		j;
		size_t		at;

		if (item->kind != CD_JSON_OBJECT)
			return fail_kind(e, "an object with \"name\" and \"type\"", item);
		name = cd_json_get(item, "name");
		type = cd_json_get(item, "type");
		at = path_push_key(e, "name", 4);
		if (name == NULL)
			return fail_missing(e, "Each member of a struct needs a name.");
		if (name->kind != CD_JSON_STRING)
			return fail_kind(e, "a string", name);
		if (!is_identifier(name->text, name->len))
			return fail_at(e, CD_ERR_PARAM, "invalid member name",
						   "\"%s\" is not an identifier ([A-Za-z_$][A-Za-z0-9_$]*).",
						   cd_quote_input(name->text, name->len, quoted, sizeof(quoted)));
		for (j = 0; j < i; j++)
			if (sd->fields[j].namelen == name->len && memcmp(sd->fields[j].name, name->text, name->len) == 0)
				return fail_at(e, CD_ERR_PARAM, "duplicate member name",
							   "Struct %.*s has two members named \"%s\".", (int) sd->namelen, sd->name,
							   cd_quote_input(name->text, name->len, quoted, sizeof(quoted)));
		path_pop(e, at);
		f->name = name->text;
		f->namelen = name->len;
		at = path_push_key(e, "type", 4);
		if (type == NULL)
			return fail_missing(e, "Each member of a struct needs a type.");
		if (type->kind != CD_JSON_STRING)
			return fail_kind(e, "a string", type);
		if (!parse_field_type(e, type->text, type->len, &f->type))
			return false;
		path_pop(e, at);
		path_pop(e, saved);
	}
	sd->nfields = list->count;
	return true;
}

/*
 * Read the "types" object: every key is a struct name, every value its
 * member list.  Names first, so that members may refer to any struct,
 * including recursively.
 */
static bool
load_types(enc *e, const cd_json *types)
{
	const cd_json *m;
	size_t		first = e->nstructs;
	size_t		i;
	char		quoted[128];

	if (types->kind != CD_JSON_OBJECT)
		return fail_kind(e, "an object mapping struct names to member lists", types);
	/* one spare entry for an inferred EIP712Domain */
	if (!reserve_structs(e, e->nstructs + types->count + 1))
		return false;
	for (m = types->first; m != NULL; m = m->next)
	{
		field_type	probe;
		size_t		saved = path_push_key(e, m->key, m->keylen);

		if (!is_identifier(m->key, m->keylen) || parse_atomic(m->key, m->keylen, &probe))
			return fail_at(e, CD_ERR_PARAM, "invalid struct name",
						   "\"%s\" is not an identifier or is the name of an atomic type.",
						   cd_quote_input(m->key, m->keylen, quoted, sizeof(quoted)));
		path_pop(e, saved);
		if (!add_struct(e, m->key, m->keylen, m))
			return false;
	}
	for (i = first; i < e->nstructs; i++)
	{
		struct_def *sd = &e->structs[i];
		size_t		saved = path_push_key(e, sd->name, sd->namelen);

		if (!read_fields(e, sd, sd->def))
			return false;
		path_pop(e, saved);
	}
	return true;
}

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
			size_t		saved = path_push_key(e, m->key, m->keylen);

			fail_at(e, CD_ERR_PARAM, "unknown domain field",
					"Without an EIP712Domain entry in types, the domain may only have name, version, chainId, verifyingContract and salt.");
			cd_error_hint(e->err, "Declare EIP712Domain in types to sign other domain fields.");
			path_pop(e, saved);
			return false;
		}
	}
	if (!add_struct(e, "EIP712Domain", 12, NULL))
		return false;
	sd = &e->structs[e->nstructs - 1];
	sd->fields = cd_json_arena_alloc(e->arena, sizeof(field) * 5);
	if (sd->fields == NULL)
		return fail_nomem(e);
	for (i = 0; i < 5; i++)
	{
		const cd_json *v = cd_json_get(domain, names[i]);
		field	   *f = &sd->fields[sd->nfields];

		if (v == NULL || v->kind == CD_JSON_NULL)
			continue;
		f->name = names[i];
		f->namelen = strlen(names[i]);
		if (!parse_field_type(e, types[i], strlen(types[i]), &f->type))
			return false;
		sd->nfields++;
	}
	return true;
}

/* The EIP712Domain struct, inferred from domain when types has none. */
static bool
domain_struct(enc *e, const cd_json *domain, size_t *idx)
{
	long		found = find_struct(e, "EIP712Domain", 12);

	if (found < 0)
	{
		if (!infer_domain(e, domain))
			return false;
		found = (long) e->nstructs - 1;
	}
	*idx = (size_t) found;
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
		return fail_nomem(e);
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
		return fail_nomem(e);
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

static bool
type_hash(enc *e, size_t idx, const uint8_t **out)
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

/* ---------------------------------------------------------------------
 * Atomic values
 * --------------------------------------------------------------------- */

/* Number of significant bits in a big-endian 32-byte value. */
static int
bit_length(const uint8_t v[32])
{
	int			i;

	for (i = 0; i < 32; i++)
		if (v[i] != 0)
		{
			int			bits = 8;

			while (!(v[i] & (1u << (bits - 1))))
				bits--;
			return (31 - i) * 8 + bits;
		}
	return 0;
}

/* Decimal digits (no sign, leading zeros allowed) into a 32-byte magnitude. */
static bool
decimal_magnitude(const char *s, size_t n, uint8_t mag[32], bool *overflow)
{
	cd_u256		v;
	cd_error	ignored;

	while (n > 1 && s[0] == '0')
	{
		s++;
		n--;
	}
	*overflow = false;
	if (n > CD_U256_MAX_DIGITS)
	{
		*overflow = true;
		return true;
	}
	if (!cd_u256_parse_decimal(s, n, &v, "value", &ignored))
	{
		if (ignored.code == CD_ERR_RANGE)
		{
			*overflow = true;
			return true;
		}
		return false;
	}
	cd_u256_to_be32(&v, mag);
	return true;
}

/* Hex digits (no prefix, at least one) into a 32-byte magnitude. */
static bool
hex_magnitude(const char *s, size_t n, uint8_t mag[32], bool *overflow)
{
	size_t		i;

	for (i = 0; i < n; i++)
		if (cd_hex_digit_value(s[i]) < 0)
			return false;
	while (n > 0 && s[0] == '0')
	{
		s++;
		n--;
	}
	*overflow = n > 64;
	if (*overflow)
		return true;
	memset(mag, 0, 32);
	for (i = 0; i < n; i++)
	{
		size_t		nib = 63 - (n - 1 - i);		/* nibble position from the left */
		int			d = cd_hex_digit_value(s[i]);

		mag[nib / 2] |= (uint8_t) (nib % 2 == 0 ? d << 4 : d);
	}
	return true;
}

/*
 * A JSON number's exact integer value.  "1.0", "1e3" and "2.50e1" are
 * integers (JavaScript reads them so); "1.5" is not.  Returns false with
 * *not_integer set for a fraction, true with *overflow when the value has
 * more than 78 significant digits.
 */
static bool
number_magnitude(const char *t, size_t n, bool *neg, uint8_t mag[32], bool *overflow, bool *not_integer)
{
	const char *ip;
	const char *fp = NULL;
	size_t		ilen = 0;
	size_t		flen = 0;
	long long	exp = 0;
	long long	shift;
	long long	total;
	long long	keep;
	long long	i;
	long long	lead;
	char		digits[CD_U256_MAX_DIGITS + 1];
	size_t		nd = 0;
	size_t		p = 0;

	*neg = false;
	*overflow = false;
	*not_integer = false;
	if (p < n && t[p] == '-')
	{
		*neg = true;
		p++;
	}
	ip = t + p;
	while (p < n && t[p] >= '0' && t[p] <= '9')
	{
		p++;
		ilen++;
	}
	if (p < n && t[p] == '.')
	{
		p++;
		fp = t + p;
		while (p < n && t[p] >= '0' && t[p] <= '9')
		{
			p++;
			flen++;
		}
	}
	if (p < n && (t[p] == 'e' || t[p] == 'E'))
	{
		bool		eneg = false;

		p++;
		if (p < n && (t[p] == '+' || t[p] == '-'))
			eneg = t[p++] == '-';
		while (p < n && t[p] >= '0' && t[p] <= '9')
		{
			if (exp < 1000000000LL)
				exp = exp * 10 + (t[p] - '0');
			p++;
		}
		if (eneg)
			exp = -exp;
	}
	if (ilen == 0 || p != n)
		return false;

	/* value = D * 10^shift, D being the integer and fraction digits */
#define DIGIT(k) ((k) < (long long) ilen ? ip[(k)] : fp[(k) - (long long) ilen])
	total = (long long) (ilen + flen);
	shift = exp - (long long) flen;
	keep = shift < 0 ? total + shift : total;
	if (keep < 0)
		keep = 0;
	for (i = keep; i < total; i++)
		if (DIGIT(i) != '0')
		{
			*not_integer = true;
			return false;
		}
	for (lead = 0; lead < keep && DIGIT(lead) == '0'; lead++)
		;
	memset(mag, 0, 32);
	if (lead == keep)
		return true;			/* zero */
	if (keep - lead + (shift > 0 ? shift : 0) > CD_U256_MAX_DIGITS)
	{
		*overflow = true;
		return true;
	}
	for (i = lead; i < keep; i++)
		digits[nd++] = DIGIT(i);
	for (i = 0; i < shift; i++)
		digits[nd++] = '0';
#undef DIGIT
	return decimal_magnitude(digits, nd, mag, overflow);
}

/* uintN / intN: range-checked, two's complement for negative intN. */
static bool
encode_integer(enc *e, const field_type *ft, const cd_json *v, uint8_t out[32])
{
	char		tname[16];
	char		quoted[128];
	bool		neg = false;
	bool		overflow = false;
	bool		not_integer = false;
	bool		ok;
	uint8_t		mag[32];
	int			bits;
	int			i;

	snprintf(tname, sizeof(tname), "%s%d", ft->kind == K_UINT ? "uint" : "int", ft->size);
	memset(mag, 0, 32);
	if (v->kind == CD_JSON_NUMBER)
		ok = number_magnitude(v->text, v->len, &neg, mag, &overflow, &not_integer);
	else if (v->kind == CD_JSON_STRING)
	{
		const char *s = v->text;
		size_t		n = v->len;

		if (n > 0 && s[0] == '-')
		{
			neg = true;
			s++;
			n--;
		}
		if (cd_has_hex_prefix(s, n))
			ok = n > 2 && hex_magnitude(s + 2, n - 2, mag, &overflow);
		else
		{
			ok = n > 0;
			for (i = 0; (size_t) i < n && ok; i++)
				ok = s[i] >= '0' && s[i] <= '9';
			ok = ok && decimal_magnitude(s, n, mag, &overflow);
		}
	}
	else
	{
		char		need[64];

		snprintf(need, sizeof(need), "a number or a string for type %s", tname);
		return fail_kind(e, need, v);
	}
	cd_quote_input(v->text, v->len, quoted, sizeof(quoted));
	if (not_integer)
		return fail_at(e, CD_ERR_PARAM, "value is not an integer",
					   "Type %s needs an integer; the value is %s.", tname, quoted);
	if (!ok)
	{
		fail_at(e, CD_ERR_SYNTAX, "invalid integer", "The value \"%s\" is not a valid %s.", quoted, tname);
		cd_error_hint(e->err, "Integers are JSON numbers, decimal strings or 0x-prefixed hexadecimal strings.");
		return false;
	}
	bits = overflow ? 512 : bit_length(mag);
	if (ft->kind == K_UINT)
		ok = bits <= ft->size && !(neg && bits > 0);
	else if (!neg || bits < ft->size)
		ok = bits <= ft->size - 1;
	else
	{
		/* -2^(N-1) is the one negative value with N significant bits */
		int			ones = 0;

		for (i = 0; i < 32; i++)
			ones += __builtin_popcount(mag[i]);
		ok = bits == ft->size && ones == 1;
	}
	if (!ok)
	{
		if (ft->kind == K_UINT)
			return fail_at(e, CD_ERR_PARAM, "value out of range",
						   "The value %s%s%s is outside %s (0 to 2^%d-1).",
						   v->kind == CD_JSON_STRING ? "\"" : "", quoted,
						   v->kind == CD_JSON_STRING ? "\"" : "", tname, ft->size);
		return fail_at(e, CD_ERR_PARAM, "value out of range",
					   "The value %s%s%s is outside %s (-2^%d to 2^%d-1).",
					   v->kind == CD_JSON_STRING ? "\"" : "", quoted,
					   v->kind == CD_JSON_STRING ? "\"" : "", tname, ft->size - 1, ft->size - 1);
	}
	if (neg && bits > 0)
	{
		int			carry = 1;

		for (i = 31; i >= 0; i--)
		{
			int			x = (uint8_t) ~mag[i] + carry;

			out[i] = (uint8_t) x;
			carry = x >> 8;
		}
	}
	else
		memcpy(out, mag, 32);
	return true;
}

/* Check "0x" + hex digits (even count); sets *nbytes. */
static bool
check_hex_string(enc *e, const cd_json *v, const char *tname, size_t *nbytes)
{
	char		quoted[128];
	size_t		i;

	if (v->kind != CD_JSON_STRING)
	{
		char		need[64];

		snprintf(need, sizeof(need), "a 0x-prefixed hex string for type %s", tname);
		return fail_kind(e, need, v);
	}
	cd_quote_input(v->text, v->len, quoted, sizeof(quoted));
	if (!cd_has_hex_prefix(v->text, v->len))
		return fail_at(e, CD_ERR_SYNTAX, "invalid hex string",
					   "Type %s needs \"0x\" followed by hexadecimal digits; the value is \"%s\".", tname, quoted);
	for (i = 2; i < v->len; i++)
		if (cd_hex_digit_value(v->text[i]) < 0)
			return fail_at(e, CD_ERR_SYNTAX, "invalid hex string",
						   "Character %zu of \"%s\" is not a hexadecimal digit.", i + 1, quoted);
	if ((v->len - 2) % 2 != 0)
		return fail_at(e, CD_ERR_SYNTAX, "invalid hex string",
					   "\"%s\" has an odd number of hexadecimal digits.", quoted);
	*nbytes = (v->len - 2) / 2;
	return true;
}

/*
 * Mixed-case addresses whose EIP-55 checksum was verified lately, as their
 * 40 hex digits: the same verifyingContract and wallets come back in every
 * signature, and each check is a Keccak permutation.  Per process, like
 * the type hash cache.
 */
#define CHECKSUM_CACHE_SLOTS 8
static char checksum_cache[CHECKSUM_CACHE_SLOTS][40];
static unsigned checksum_cache_next;

/* True when these 40 digits mix upper and lower case. */
static bool
mixed_case(const char *hex)
{
	bool		lower = false;
	bool		upper = false;
	int			i;

	for (i = 0; i < 40; i++)
	{
		lower |= hex[i] >= 'a' && hex[i] <= 'f';
		upper |= hex[i] >= 'A' && hex[i] <= 'F';
	}
	return lower && upper;
}

/* address: 20 bytes, left-padded; mixed case must be a valid EIP-55 checksum. */
static bool
encode_address(enc *e, const cd_json *v, uint8_t out[32])
{
	size_t		nbytes;
	cd_error	cerr;
	const char *hex;
	unsigned	i;

	/* v may be any JSON kind until check_hex_string has said it is a string */
	if (!check_hex_string(e, v, "address", &nbytes))
		return false;
	hex = v->text + 2;
	if (nbytes != CD_ETH_ADDRESS_LEN)
		return fail_at(e, CD_ERR_PARAM, "wrong length for type address",
					   "An address is 20 bytes (40 hexadecimal digits), got %zu bytes.", nbytes);
	memset(out, 0, 12);
	if (!mixed_case(hex))
	{
		cd_hex_decode(hex, CD_ETH_ADDRESS_LEN, out + 12);
		return true;
	}
	for (i = 0; i < CHECKSUM_CACHE_SLOTS; i++)
		if (memcmp(checksum_cache[i], hex, 40) == 0)
		{
			cd_hex_decode(hex, CD_ETH_ADDRESS_LEN, out + 12);
			return true;
		}
	if (!cd_eth_address_parse(v->text, v->len, out + 12, &cerr))
	{
		fail_at(e, CD_ERR_PARAM, "invalid address checksum", "%s", cerr.detail);
		cd_error_hint(e->err, "Check the address for a typing error, or write it all in lower case to skip the checksum.");
		return false;
	}
	memcpy(checksum_cache[checksum_cache_next++ % CHECKSUM_CACHE_SLOTS], hex, 40);
	return true;
}

/* bytesN: exactly N bytes, right-padded with zeros. */
static bool
encode_bytes_n(enc *e, const field_type *ft, const cd_json *v, uint8_t out[32])
{
	char		tname[16];
	size_t		nbytes;

	snprintf(tname, sizeof(tname), "bytes%d", ft->size);
	if (!check_hex_string(e, v, tname, &nbytes))
		return false;
	if (nbytes != (size_t) ft->size)
	{
		char		what[48];

		snprintf(what, sizeof(what), "wrong length for type %s", tname);
		return fail_at(e, CD_ERR_PARAM, what,
					   "Type %s needs exactly %d bytes (%d hexadecimal digits), got %zu bytes.",
					   tname, ft->size, 2 * ft->size, nbytes);
	}
	memset(out, 0, 32);
	cd_hex_decode(v->text + 2, nbytes, out);
	return true;
}

/* bytes: keccak256 of the bytes, decoded in chunks (no allocation). */
static bool
encode_bytes(enc *e, const cd_json *v, uint8_t out[32])
{
	cd_keccak256_ctx k;
	uint8_t		chunk[128];
	size_t		nbytes;
	size_t		done = 0;

	if (!check_hex_string(e, v, "bytes", &nbytes))
		return false;
	cd_keccak256_init(&k);
	while (done < nbytes)
	{
		size_t		n = nbytes - done < sizeof(chunk) ? nbytes - done : sizeof(chunk);

		cd_hex_decode(v->text + 2 + 2 * done, n, chunk);
		cd_keccak256_update(&k, chunk, n);
		done += n;
	}
	cd_keccak256_final(&k, out);
	return true;
}

/* ---------------------------------------------------------------------
 * encodeData and hashStruct
 * --------------------------------------------------------------------- */

static bool hash_struct(enc *e, size_t idx, const cd_json *obj, uint8_t out[32], int depth);

/*
 * The 32-byte encoding of v as ft at array level (level == ft->ndims for
 * the member itself, 0 for its element type).  v is NULL when missing.
 */
static bool
encode_value(enc *e, const field_type *ft, int level, const cd_json *v, uint8_t out[32], int depth)
{
	char		tname[128];

	if (depth > MAX_ENCODE_DEPTH)
	{
		fail_at(e, CD_ERR_LIMIT, "typed data nested too deeply", "At most %d levels of structs and arrays are accepted.",
				CD_JSON_MAX_DEPTH);
		return false;
	}
	type_name_at(ft, level, tname, sizeof(tname));
	if (level > 0)
	{
		size_t		dim = ft->dims[level - 1];
		cd_keccak256_ctx k;
		const cd_json *item;
		size_t		i = 0;

		if (v == NULL)
			return fail_missing(e, "A value is required for a member of an array type.");
		if (v->kind != CD_JSON_ARRAY)
		{
			char		need[160];

			snprintf(need, sizeof(need), "an array for type %s", tname);
			return fail_kind(e, need, v);
		}
		if (dim != DYNAMIC_ARRAY && v->count != dim)
			return fail_at(e, CD_ERR_PARAM, "wrong array length", "Type %s needs %zu elements, got %zu.",
						   tname, dim, v->count);
		cd_keccak256_init(&k);
		for (item = v->first; item != NULL; item = item->next, i++)
		{
			uint8_t		word[32];
			size_t		saved = path_push_index(e, i);

			if (!encode_value(e, ft, level - 1, item, word, depth + 1))
				return false;
			path_pop(e, saved);
			cd_keccak256_update(&k, word, 32);
		}
		cd_keccak256_final(&k, out);
		return true;
	}
	if (ft->kind == K_STRUCT)
	{
		/* signTypedData V4: a missing or null struct is 32 zero bytes */
		if (v == NULL || v->kind == CD_JSON_NULL)
		{
			memset(out, 0, 32);
			return true;
		}
		if (v->kind != CD_JSON_OBJECT)
		{
			char		need[160];

			snprintf(need, sizeof(need), "an object for struct %s", tname);
			return fail_kind(e, need, v);
		}
		return hash_struct(e, ft->struct_index, v, out, depth + 1);
	}
	if (v == NULL)
	{
		char		need[200];

		snprintf(need, sizeof(need), "A value of type %s is required.", tname);
		return fail_missing(e, need);
	}
	switch (ft->kind)
	{
		case K_UINT:
		case K_INT:
			return encode_integer(e, ft, v, out);
		case K_ADDRESS:
			return encode_address(e, v, out);
		case K_BOOL:
			if (v->kind != CD_JSON_TRUE && v->kind != CD_JSON_FALSE)
				return fail_kind(e, "true or false for type bool", v);
			memset(out, 0, 32);
			out[31] = v->kind == CD_JSON_TRUE;
			return true;
		case K_BYTESN:
			return encode_bytes_n(e, ft, v, out);
		case K_BYTES:
			return encode_bytes(e, v, out);
		case K_STRING:
			if (v->kind != CD_JSON_STRING)
				return fail_kind(e, "a string for type string", v);
			cd_keccak256((const uint8_t *) v->text, v->len, out);
			return true;
		case K_STRUCT:
			break;
	}
	return fail_at(e, CD_ERR_PARAM, "unknown type", NULL);
}

/* hashStruct: keccak256(typeHash || encodeData(obj)); obj is an object. */
static bool
hash_struct(enc *e, size_t idx, const cd_json *obj, uint8_t out[32], int depth)
{
	const struct_def *sd = &e->structs[idx];
	const uint8_t *th;
	cd_keccak256_ctx k;
	size_t		i;

	if (!type_hash(e, idx, &th))
		return false;
	cd_keccak256_init(&k);
	cd_keccak256_update(&k, th, 32);
	for (i = 0; i < sd->nfields; i++)
	{
		const field *f = &sd->fields[i];
		uint8_t		word[32];
		size_t		saved = path_push_key(e, f->name, f->namelen);

		if (!encode_value(e, &f->type, f->type.ndims, cd_json_get(obj, f->name), word, depth))
			return false;
		path_pop(e, saved);
		cd_keccak256_update(&k, word, 32);
	}
	cd_keccak256_final(&k, out);
	return true;
}

/* A top-level struct value (domain, message, data) that must be an object. */
static bool
hash_root(enc *e, const char *root, size_t idx, const cd_json *v, uint8_t out[32])
{
	path_set(e, root);
	if (v == NULL)
		return fail_missing(e, "Typed data needs types, primaryType, domain and message.");
	if (v->kind != CD_JSON_OBJECT)
		return fail_kind(e, "an object", v);
	return hash_struct(e, idx, v, out, 0);
}

/* The struct named primary (NUL-terminated or len bytes), or an error. */
static bool
primary_struct(enc *e, const char *name, size_t len, size_t *idx)
{
	long		found = find_struct(e, name, len);
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

/* Parse one JSON text into its own arena. */
static const cd_json *
parse(const char *text, size_t len, cd_json_arena **arena, cd_error *err)
{
	return cd_json_parse(text, len, arena, err);
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
	path_set(e, "types");
	if (types == NULL)
		return fail_missing(e, "Typed data needs types, primaryType, domain and message.");
	if (!load_types(e, types))
		return false;
	path_set(e, "primaryType");
	if (primary == NULL)
		return fail_missing(e, "Typed data needs types, primaryType, domain and message.");
	if (primary->kind != CD_JSON_STRING)
		return fail_kind(e, "a string", primary);
	path_set(e, "domain");
	if (domain == NULL)
		return fail_missing(e, "Typed data needs types, primaryType, domain and message.");
	if (domain->kind != CD_JSON_OBJECT)
		return fail_kind(e, "an object", domain);
	if (!domain_struct(e, domain, &dom_idx))
		return false;
	if (!primary_struct(e, primary->text, primary->len, &idx))
		return false;
	buf[0] = 0x19;
	buf[1] = 0x01;
	if (!hash_root(e, "domain", dom_idx, domain, buf + 2))
		return false;
	/* primaryType EIP712Domain signs the domain alone (ethers, viem, eth-sig-util) */
	if (idx == dom_idx)
	{
		cd_keccak256(buf, 2 + 32, digest);
		return true;
	}
	if (!hash_root(e, "message", idx, cd_json_get(root, "message"), buf + 34))
		return false;
	cd_keccak256(buf, sizeof(buf), digest);
	return true;
}

/* Parse typed data JSON, hash it, free everything. */
bool
cd_eip712_hash(const char *json, size_t len, uint8_t digest[CD_EIP712_HASH_LEN], cd_error *err)
{
	cd_json_arena *arena = NULL;
	const cd_json *root = parse(json, len, &arena, err);
	enc			e;
	bool		ok = false;

	if (root != NULL)
	{
		memset(&e, 0, sizeof(e));
		e.arena = arena;
		e.err = err;
		ok = typed_data_hash(&e, root, digest);
	}
	cd_json_free(arena);
	return ok;
}

/* Parse the domain (and types), hash the domain struct, free everything. */
bool
cd_eip712_domain_separator(const char *domain_json, size_t domain_len,
						   const char *types_json, size_t types_len,
						   uint8_t out[CD_EIP712_HASH_LEN], cd_error *err)
{
	cd_json_arena *arena = NULL;
	cd_json_arena *types_arena = NULL;
	const cd_json *domain = parse(domain_json, domain_len, &arena, err);
	const cd_json *types = NULL;
	enc			e;
	size_t		idx;
	bool		ok = false;

	if (domain == NULL)
		goto done;
	if (types_json != NULL && (types = parse(types_json, types_len, &types_arena, err)) == NULL)
		goto done;
	memset(&e, 0, sizeof(e));
	e.arena = arena;
	e.err = err;
	path_set(&e, "types");
	if (types != NULL && types->kind == CD_JSON_ARRAY)
	{
		/* the EIP712Domain member list itself */
		if (!add_struct(&e, "EIP712Domain", 12, types) || !read_fields(&e, &e.structs[0], types))
			goto done;
	}
	else if (types != NULL && !load_types(&e, types))
		goto done;
	path_set(&e, "domain");
	if (domain->kind != CD_JSON_OBJECT)
	{
		fail_kind(&e, "an object", domain);
		goto done;
	}
	if (!domain_struct(&e, domain, &idx))
		goto done;
	ok = hash_root(&e, "domain", idx, domain, out);
done:
	cd_json_free(types_arena);
	cd_json_free(arena);
	return ok;
}

/* Parse types and data, hashStruct the primary type, free everything. */
bool
cd_eip712_hash_struct(const char *types_json, size_t types_len,
					  const char *primary_type, size_t primary_len,
					  const char *data_json, size_t data_len,
					  uint8_t out[CD_EIP712_HASH_LEN], cd_error *err)
{
	cd_json_arena *arena = NULL;
	cd_json_arena *data_arena = NULL;
	const cd_json *types = parse(types_json, types_len, &arena, err);
	const cd_json *data = NULL;
	enc			e;
	size_t		idx;
	bool		ok = false;

	if (types == NULL)
		goto done;
	if ((data = parse(data_json, data_len, &data_arena, err)) == NULL)
		goto done;
	memset(&e, 0, sizeof(e));
	e.arena = arena;
	e.err = err;
	path_set(&e, "types");
	if (!load_types(&e, types))
		goto done;
	/* EIP712Domain may be left to inference, as in typed data */
	if (find_struct(&e, primary_type, primary_len) < 0 &&
		primary_len == 12 && memcmp(primary_type, "EIP712Domain", 12) == 0 &&
		data->kind == CD_JSON_OBJECT)
	{
		path_set(&e, "data");
		if (!infer_domain(&e, data))
			goto done;
	}
	if (!primary_struct(&e, primary_type, primary_len, &idx))
		goto done;
	ok = hash_root(&e, "data", idx, data, out);
done:
	cd_json_free(data_arena);
	cd_json_free(arena);
	return ok;
}

/* encodeType text and typeHash of one struct (for tests and tools). */
bool
cd_eip712_encode_type(const char *types_json, size_t types_len,
					  const char *name, size_t name_len,
					  char *buf, size_t bufsize,
					  uint8_t type_hash_out[CD_EIP712_HASH_LEN], cd_error *err)
{
	cd_json_arena *arena = NULL;
	const cd_json *types = parse(types_json, types_len, &arena, err);
	enc			e;
	size_t		idx;
	bool		ok = false;

	if (types == NULL)
		goto done;
	memset(&e, 0, sizeof(e));
	e.arena = arena;
	e.err = err;
	path_set(&e, "types");
	if (!load_types(&e, types) || !primary_struct(&e, name, name_len, &idx))
		goto done;
	{
		cd_keccak256_ctx k;
		sink		s = {&k, buf, bufsize, 0, false};

		if (bufsize > 0)
			buf[0] = '\0';
		cd_keccak256_init(&k);
		if (!encode_type(&e, idx, &s))
			goto done;
		cd_keccak256_final(&k, type_hash_out);
		if (s.overflow)
		{
			cd_fail(err, CD_ERR_LIMIT, "encoded type does not fit in %zu bytes", bufsize);
			goto done;
		}
	}
	ok = true;
done:
	cd_json_free(arena);
	return ok;
}
