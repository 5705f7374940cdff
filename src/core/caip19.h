/*
 * caip19.h - CAIP-19 asset identifiers: validation and canonical form
 *
 * Grammar (CAIP-2 and CAIP-19 as published at chainagnostic.org):
 *
 *   asset            chain_id "/" asset_namespace ":" asset_reference ["/" token_id]
 *   chain_id         chain_namespace ":" chain_reference           (CAIP-2)
 *   chain_namespace  [-a-z0-9]{3,8}
 *   chain_reference  [-_a-zA-Z0-9]{1,32}
 *   asset_namespace  [-a-z0-9]{3,8}
 *   asset_reference  [-.%a-zA-Z0-9]{1,128}
 *   token_id         [-.%a-zA-Z0-9]{1,78}
 *
 * On top of the grammar, the canonical form makes equal assets equal
 * strings (see caip19.c for each rule): percent-encodings are %XX with
 * upper-case hex and decoded when they encode an allowed character;
 * eip155 chain references are decimal without leading zeros; eip155
 * erc20/erc721/erc1155 contract references are "0x" + 40 hex digits,
 * lower-cased (mixed case must be a valid EIP-55 checksum); erc721/erc1155
 * token ids are uint256 decimals; slip44 references are decimals; fungible
 * namespaces (erc20, slip44) take no token id; cdefi "work" references
 * (works not yet minted) are lower-case UUIDs.
 */
#ifndef CD_CAIP19_H
#define CD_CAIP19_H

#include <stdbool.h>
#include <stddef.h>

#include "cd_error.h"

#define CD_CAIP2_NAMESPACE_MAX 8
#define CD_CAIP2_REFERENCE_MAX 32
#define CD_CAIP19_NAMESPACE_MAX 8
#define CD_CAIP19_REFERENCE_MAX 128
#define CD_CAIP19_TOKEN_ID_MAX 78

/* The longest canonical asset: 8+1+32 "/" 8+1+128 "/" 78 */
#define CD_ASSET_MAX_LEN 258
/* ... plus a NUL */
#define CD_ASSET_TEXT_LEN (CD_ASSET_MAX_LEN + 1)

/* The parts of an asset, as offsets into its canonical text. */
typedef struct cd_asset_parts
{
	size_t		chain_len;		/* chain id: text[0 .. chain_len) */
	size_t		namespace_off;
	size_t		namespace_len;
	size_t		reference_off;
	size_t		reference_len;
	size_t		token_off;
	size_t		token_len;		/* 0 when there is no token id */
} cd_asset_parts;

/*
 * Parse a CAIP-19 asset id of len bytes and write its canonical form,
 * NUL-terminated, to out; *out_len is its length.  On failure err says
 * which part is wrong and why (CD_ERR_SYNTAX).
 */
extern bool cd_asset_parse(const char *text, size_t len,
						   char out[CD_ASSET_TEXT_LEN], size_t *out_len, cd_error *err);

/*
 * Build the canonical asset from its parts: a CAIP-2 chain id, an asset
 * namespace, an asset reference and, when token is not NULL, a token id.
 * Each part is checked on its own, so an error names the argument that is
 * wrong (CD_ERR_PARAM).
 */
extern bool cd_asset_from_parts(const char *chain, size_t chain_len,
								const char *namespace_, size_t namespace_len,
								const char *reference, size_t reference_len,
								const char *token, size_t token_len,
								char out[CD_ASSET_TEXT_LEN], size_t *out_len, cd_error *err);

/*
 * Locate the parts of a canonical asset (one produced by the functions
 * above).  Returns false when text is not in that shape, which happens
 * only for corrupt data.
 */
extern bool cd_asset_split(const char *text, size_t len, cd_asset_parts *parts);

#endif							/* CD_CAIP19_H */
