/*
 * eip712_internal.h - the encoder state and struct table shared by the
 * EIP-712 files, and the few functions they call across files
 *
 * EIP-712 hashing (eip712.h) is four files, one concern each:
 *   eip712_path.c    the JSON path of the value at hand, and the errors
 *                    that name it
 *   eip712_types.c   the struct table: type names, member lists read from
 *                    "types", encodeType and typeHash
 *   eip712_values.c  encodeData and hashStruct: integers, addresses,
 *                    bytes, strings, arrays and nested structs
 *   eip712.c         the entry points of eip712.h: parsing, domain
 *                    inference, the 0x1901 digest
 * Each file calls only the files listed before it (eip712_path.c calls
 * none, eip712.c all three), so there are no cycles.  Only these four
 * files include this header; it is not part of the core's interface, and
 * everything not declared here stays static in its file.
 */
#ifndef CD_EIP712_INTERNAL_H
#define CD_EIP712_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cd_error.h"
#include "json.h"

#define PATH_LEN 256
#define DYNAMIC_ARRAY ((size_t) -1)

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

/*
 * The state of one call: the struct table (in the parser's arena), where
 * errors go, and the JSON path of the value at hand.
 */
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

/* eip712_path.c: the path of the value at hand, and errors naming it */

/* Set the path to a root name ("message", "types"). */
extern void eip712_path_set(enc *e, const char *root);
/* Enter member key; returns the length to restore with eip712_path_pop. */
extern size_t eip712_path_push_key(enc *e, const char *key, size_t len);
/* Enter array element i; returns the length to restore with eip712_path_pop. */
extern size_t eip712_path_push_index(enc *e, size_t i);
/*
 * Leave a member or element entered with eip712_path_push_*.  Inline:
 * it runs once per member hashed, and is two stores.
 */
static inline void
eip712_path_pop(enc *e, size_t saved)
{
	e->pathlen = saved;
	e->path[saved] = '\0';
}
/* Fail with "<what> at <path>" and an optional detail sentence; false. */
extern bool eip712_fail_at(enc *e, cd_errcode code, const char *what, const char *detail_fmt,...)
	__attribute__((format(printf, 4, 5)));
/* Fail with CD_ERR_NOMEM: the arena could not grow; false. */
extern bool eip712_fail_nomem(enc *e);
/* Fail: v is not the JSON kind expected there; false. */
extern bool eip712_fail_kind(enc *e, const char *expected, const cd_json *v);
/* Fail: a required value is absent at the path; false. */
extern bool eip712_fail_missing(enc *e, const char *needed);

/* eip712_types.c: the struct table, encodeType and typeHash */

/* Index of the struct with this name, or -1. */
extern long eip712_find_struct(const enc *e, const char *name, size_t len);
/* Parse a member type such as "uint256", "Person", "bytes32[2][]". */
extern bool eip712_parse_field_type(enc *e, const char *text, size_t len, field_type *ft);
/* Register a struct name (its fields are read later). */
extern bool eip712_add_struct(enc *e, const char *name, size_t len, const cd_json *def);
/* Read a struct's member list: an array of {"name": ..., "type": ...}. */
extern bool eip712_read_fields(enc *e, struct_def *sd, const cd_json *list);
/* Read the "types" object into the table. */
extern bool eip712_load_types(enc *e, const cd_json *types);
/* typeHash of struct idx (computed once per call, cached across calls). */
extern bool eip712_type_hash(enc *e, size_t idx, const uint8_t **out);
/* encodeType of struct idx as text into buf and its keccak256 into hash. */
extern bool eip712_encode_type_text(enc *e, size_t idx, char *buf, size_t bufsize,
									uint8_t hash[32], bool *overflow);

/* eip712_values.c: encodeData and hashStruct */

/* hashStruct of a top-level value (domain, message, data); path set to root. */
extern bool eip712_hash_root(enc *e, const char *root, size_t idx, const cd_json *v, uint8_t out[32]);

#endif							/* CD_EIP712_INTERNAL_H */
