/*
 * json.h - a small strict JSON parser that keeps numbers as text
 *
 * EIP-712 values are uint256/int256, far beyond a double's 53 bits, so the
 * usual C JSON libraries (which turn numbers into doubles) would silently
 * change them.  This parser keeps every number as its literal text and
 * every string as its decoded UTF-8 bytes.  All nodes live in one arena
 * that cd_json_free() releases at once; the parser never calls anything
 * but malloc, so a caller can free and then report an error.
 *
 * It is strict: RFC 8259 syntax only, UTF-8 validated, escapes decoded
 * (surrogate pairs joined, lone surrogates and \u0000 refused), duplicate
 * object keys refused, nesting bounded by CD_JSON_MAX_DEPTH.
 */
#ifndef CD_JSON_H
#define CD_JSON_H

#include <stdbool.h>
#include <stddef.h>

#include "cd_error.h"

/* Deepest nesting of arrays and objects accepted (keeps recursion bounded). */
#define CD_JSON_MAX_DEPTH 128

typedef enum cd_json_kind
{
	CD_JSON_NULL,
	CD_JSON_FALSE,
	CD_JSON_TRUE,
	CD_JSON_NUMBER,
	CD_JSON_STRING,
	CD_JSON_ARRAY,
	CD_JSON_OBJECT
} cd_json_kind;

typedef struct cd_json
{
	cd_json_kind kind;
	/* NUMBER: the literal text; STRING: the decoded UTF-8 bytes (NUL-terminated) */
	const char *text;
	size_t		len;
	/* the member name when this node is an object member, else NULL */
	const char *key;
	size_t		keylen;
	/* ARRAY and OBJECT: children in document order */
	struct cd_json *first;
	struct cd_json *next;
	size_t		count;
} cd_json;

typedef struct cd_json_arena cd_json_arena;

/*
 * Parse len bytes of JSON text.  Returns the root (owned by *arena, which
 * the caller releases with cd_json_free even on failure) or NULL with err
 * filled: CD_ERR_SYNTAX for malformed text, CD_ERR_LIMIT for nesting deeper
 * than CD_JSON_MAX_DEPTH, CD_ERR_NOMEM when malloc fails.
 */
extern cd_json *cd_json_parse(const char *text, size_t len, cd_json_arena **arena, cd_error *err);
extern void cd_json_free(cd_json_arena *arena);

/*
 * More memory from the same arena (16-byte aligned), for callers that
 * build their own structures next to the tree; NULL when malloc fails.
 */
extern void *cd_json_arena_alloc(cd_json_arena *arena, size_t size);

/* The member of an object with this key, or NULL. */
extern const cd_json *cd_json_get(const cd_json *object, const char *key);

/* A short name of a node's kind for messages ("a string", "an array"). */
extern const char *cd_json_kind_name(cd_json_kind kind);

#endif							/* CD_JSON_H */
