/*
 * base58.c - base58btc encoding and decoding
 *
 * The schoolbook conversion between base 256 and base 58, quadratic in
 * the length: the inputs here (DIDs) are a few dozen bytes.
 */
#include <string.h>

#include "base58.h"

static const char alphabet[] = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

/* The largest input handled; a did:key is far shorter. */
#define BASE58_MAX_BYTES 256

bool
cd_base58_encode(const uint8_t *in, size_t len, char *out, size_t outsize)
{
	uint8_t		digits[BASE58_MAX_BYTES * 138 / 100 + 1];
	size_t		ndigits = 0;
	size_t		zeros = 0;
	size_t		i,
				j;

	if (len > BASE58_MAX_BYTES)
		return false;
	while (zeros < len && in[zeros] == 0)
		zeros++;
	for (i = zeros; i < len; i++)
	{
		unsigned int carry = in[i];

		for (j = 0; j < ndigits; j++)
		{
			carry += (unsigned int) digits[j] << 8;
			digits[j] = (uint8_t) (carry % 58);
			carry /= 58;
		}
		while (carry > 0)
		{
			digits[ndigits++] = (uint8_t) (carry % 58);
			carry /= 58;
		}
	}
	if (zeros + ndigits + 1 > outsize)
		return false;
	for (i = 0; i < zeros; i++)
		out[i] = '1';
	for (j = 0; j < ndigits; j++)
		out[zeros + j] = alphabet[digits[ndigits - 1 - j]];
	out[zeros + ndigits] = '\0';
	return true;
}

bool
cd_base58_decode(const char *in, size_t len, uint8_t *out, size_t outsize, size_t *outlen, size_t *bad)
{
	uint8_t		bytes[BASE58_MAX_BYTES];
	size_t		nbytes = 0;
	size_t		zeros = 0;
	size_t		i,
				j;

	while (zeros < len && in[zeros] == '1')
		zeros++;
	for (i = zeros; i < len; i++)
	{
		const char *pos = in[i] != '\0' ? strchr(alphabet, in[i]) : NULL;
		unsigned int carry;

		if (pos == NULL)
		{
			*bad = i;
			return false;
		}
		carry = (unsigned int) (pos - alphabet);
		for (j = 0; j < nbytes; j++)
		{
			carry += (unsigned int) bytes[j] * 58;
			bytes[j] = (uint8_t) (carry & 0xff);
			carry >>= 8;
		}
		while (carry > 0)
		{
			if (nbytes == sizeof(bytes))
			{
				*bad = len;
				return false;
			}
			bytes[nbytes++] = (uint8_t) (carry & 0xff);
			carry >>= 8;
		}
	}
	if (zeros + nbytes > outsize)
	{
		*bad = len;
		return false;
	}
	memset(out, 0, zeros);
	for (j = 0; j < nbytes; j++)
		out[zeros + j] = bytes[nbytes - 1 - j];
	*outlen = zeros + nbytes;
	return true;
}
