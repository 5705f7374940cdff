/*
 * hex.h - hexadecimal encoding and decoding
 */
#ifndef CD_HEX_H
#define CD_HEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Value of one hex digit, or -1 when c is not a hex digit. */
extern int	cd_hex_digit_value(char c);

/*
 * Decode exactly 2*outlen hex digits (no prefix) into out.  Returns false on
 * a non-hex character.
 */
extern bool cd_hex_decode(const char *hex, size_t outlen, uint8_t *out);

/* Encode len bytes as 2*len lower-case hex digits plus a NUL. */
extern void cd_hex_encode(const uint8_t *in, size_t len, char *out);

/* True when s starts with "0x" or "0X". */
extern bool cd_has_hex_prefix(const char *s, size_t len);

#endif							/* CD_HEX_H */
