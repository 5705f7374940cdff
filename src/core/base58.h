/*
 * base58.h - base58btc (the Bitcoin alphabet), as multibase's 'z' prefix
 * and did:key use it
 */
#ifndef CD_BASE58_H
#define CD_BASE58_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Encode len bytes into out (NUL-terminated); false when out, of outsize
 * bytes, is too small.  Each leading zero byte is a '1'.
 */
extern bool cd_base58_encode(const uint8_t *in, size_t len, char *out, size_t outsize);

/*
 * Decode len characters into out (at most outsize bytes), *outlen set.
 * False when a character is not in the alphabet (*bad is its offset) or
 * the value does not fit (*bad is len).
 */
extern bool cd_base58_decode(const char *in, size_t len, uint8_t *out, size_t outsize,
							 size_t *outlen, size_t *bad);

#endif							/* CD_BASE58_H */
