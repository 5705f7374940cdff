/*
 * der.c - strict DER decoding and encoding of ECDSA signatures
 */
#include <string.h>

#include "der.h"

#define DER_SEQUENCE 0x30
#define DER_INTEGER 0x02

/*
 * Decode one INTEGER at der[*pos] into out (32 bytes, big-endian, left
 * padded), advancing *pos.  name is "r" or "s" for the message.
 */
static bool
parse_integer(const uint8_t *der, size_t end, size_t *pos, const char *name,
			  uint8_t out[32], cd_error *err)
{
	size_t		p = *pos;
	size_t		len;

	if (end - p < 2)
		return cd_fail(err, CD_ERR_DATA, "DER signature truncated before integer %s", name);
	if (der[p] != DER_INTEGER)
		return cd_fail(err, CD_ERR_DATA, "DER signature: %s is not an INTEGER (tag 0x%02x)", name, der[p]);
	len = der[p + 1];
	if (len & 0x80)
		return cd_fail(err, CD_ERR_DATA, "DER signature: integer %s has a long-form or indefinite length", name);
	p += 2;
	if (len == 0)
		return cd_fail(err, CD_ERR_DATA, "DER signature: integer %s is empty", name);
	if (len > end - p)
		return cd_fail(err, CD_ERR_DATA, "DER signature: integer %s runs past the end", name);
	if (der[p] & 0x80)
		return cd_fail(err, CD_ERR_DATA, "DER signature: integer %s is negative", name);
	if (len > 1 && der[p] == 0x00 && !(der[p + 1] & 0x80))
		return cd_fail(err, CD_ERR_DATA, "DER signature: integer %s has a superfluous leading zero", name);
	/* a leading zero that only carries the sign bit is not part of the value */
	if (der[p] == 0x00 && len > 1)
	{
		p++;
		len--;
	}
	if (len > 32)
		return cd_fail(err, CD_ERR_DATA, "DER signature: integer %s is longer than 32 bytes", name);
	memset(out, 0, 32);
	memcpy(out + 32 - len, der + p, len);
	*pos = p + len;
	return true;
}

/*
 * SEQUENCE header, r, s, and the sequence must end exactly at len.
 */
bool
cd_der_parse_ecdsa_signature(const uint8_t *der, size_t len, uint8_t r[32], uint8_t s[32], cd_error *err)
{
	size_t		pos = 2;
	size_t		seqlen;

	if (len < 2)
		return cd_fail(err, CD_ERR_DATA, "DER signature too short: %zu bytes", len);
	if (der[0] != DER_SEQUENCE)
		return cd_fail(err, CD_ERR_DATA, "DER signature does not start with a SEQUENCE (tag 0x%02x)", der[0]);
	seqlen = der[1];
	if (seqlen & 0x80)
		return cd_fail(err, CD_ERR_DATA, "DER signature has a long-form or indefinite length");
	if (seqlen != len - 2)
		return cd_fail(err, CD_ERR_DATA, "DER signature length field says %zu bytes, %zu follow", seqlen, len - 2);
	if (!parse_integer(der, len, &pos, "r", r, err) ||
		!parse_integer(der, len, &pos, "s", s, err))
		return false;
	if (pos != len)
		return cd_fail(err, CD_ERR_DATA, "DER signature has %zu bytes after s", len - pos);
	return true;
}

/*
 * Write one 32-byte value as a minimal positive INTEGER.
 */
static size_t
encode_integer(const uint8_t value[32], uint8_t *out)
{
	size_t		skip = 0;
	size_t		n;
	size_t		pad;

	while (skip < 31 && value[skip] == 0)
		skip++;
	n = 32 - skip;
	pad = (value[skip] & 0x80) ? 1 : 0;
	out[0] = DER_INTEGER;
	out[1] = (uint8_t) (n + pad);
	if (pad)
		out[2] = 0;
	memcpy(out + 2 + pad, value + skip, n);
	return 2 + pad + n;
}

/*
 * SEQUENCE { r, s } with both integers minimal; at most 72 bytes.
 */
size_t
cd_der_encode_ecdsa_signature(const uint8_t r[32], const uint8_t s[32], uint8_t out[CD_DER_SIGNATURE_MAX_LEN])
{
	size_t		n = 2;

	n += encode_integer(r, out + n);
	n += encode_integer(s, out + n);
	out[0] = DER_SEQUENCE;
	out[1] = (uint8_t) (n - 2);
	return n;
}
