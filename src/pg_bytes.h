/*
 * pg_bytes.h - byte strings between SQL values and the core's buffers:
 * bytea results and the UTF-8 bytes of text
 */
#ifndef PG_BYTES_H
#define PG_BYTES_H

#include "postgres.h"

#include "fmgr.h"

/*
 * A palloc'd varlena of len data bytes, its header set, for the caller to
 * fill through VARDATA(); any varlena type (bytea, asset) can use it.
 */
extern bytea *bytea_alloc(size_t len);

/* A palloc'd varlena holding a copy of len bytes. */
extern bytea *bytea_from_bytes(const void *bytes, size_t len);

/*
 * The UTF-8 form of len bytes in the server encoding, *utf8_len set: the
 * input itself when the server encoding is UTF-8 (or the bytes are ASCII),
 * otherwise a palloc'd, NUL-terminated conversion.
 */
extern const char *server_to_utf8(const char *s, size_t len, size_t *utf8_len);

/* The UTF-8 bytes of a text value, whatever the database encoding. */
extern const uint8 *text_utf8(const text *t, size_t *len);

/*
 * The bytes of argument argno: a bytea's own, or, when is_text, a text's
 * UTF-8 bytes (the functions with bytea and text overloads, such as
 * keccak256 and the EIP-191 ones, sign and hash those).
 */
extern const uint8 *bytes_or_text_arg(FunctionCallInfo fcinfo, int argno, bool is_text, size_t *len);

/*
 * The data of a bytea argument that must be exactly len bytes long; the
 * error otherwise (22023) names the argument: what.
 */
extern const uint8 *fixed_length_bytes(const bytea *b, const char *what, size_t len);

#endif							/* PG_BYTES_H */
