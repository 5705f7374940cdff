/*
 * ecdsa.c - secp256k1 ECDSA recovery and verification
 *
 * Scalars are range-checked against n by hand (big-endian memcmp) before
 * libsecp256k1 parses them, which both keeps its callbacks silent and
 * lets us return "not recovered" for exactly the cases OpenZeppelin's
 * ECDSA library rejects.
 */
#include <string.h>

#include <secp256k1.h>
#include <secp256k1_recovery.h>

#include "der.h"
#include "ecdsa.h"
#include "secp256k1_context.h"
#include "secp256k1_pubkey.h"

const uint8_t cd_secp256k1_order[CD_SCALAR_LEN] = {
	0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE,
	0xBA, 0xAE, 0xDC, 0xE6, 0xAF, 0x48, 0xA0, 0x3B, 0xBF, 0xD2, 0x5E, 0x8C, 0xD0, 0x36, 0x41, 0x41
};

const uint8_t cd_secp256k1_half_order[CD_SCALAR_LEN] = {
	0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
	0x5D, 0x57, 0x6E, 0x73, 0x57, 0xA4, 0x50, 0x1D, 0xDF, 0xE9, 0x2F, 0x46, 0x68, 0x1B, 0x20, 0xA0
};

/*
 * [1, n-1]: big-endian numbers of equal length compare like memcmp.
 */
bool
cd_secp256k1_scalar_in_range(const uint8_t scalar[CD_SCALAR_LEN])
{
	static const uint8_t zero[CD_SCALAR_LEN] = {0};

	return memcmp(scalar, zero, CD_SCALAR_LEN) != 0 &&
		memcmp(scalar, cd_secp256k1_order, CD_SCALAR_LEN) < 0;
}

/*
 * s > n/2: the malleable twin of a low-S signature (EIP-2, BIP-62).
 */
bool
cd_secp256k1_scalar_is_high(const uint8_t scalar[CD_SCALAR_LEN])
{
	return memcmp(scalar, cd_secp256k1_half_order, CD_SCALAR_LEN) > 0;
}

/*
 * Turn a library call's failure into "not recovered", unless the library
 * reported an illegal argument: that means our validation missed a case,
 * which is a bug to surface as an error rather than a silent NULL.
 */
static bool
library_result(cd_error *err)
{
	if (cd_secp256k1_take_illegal_argument())
		return cd_fail(err, CD_ERR_LIBRARY, "libsecp256k1 rejected an argument that was validated");
	return true;
}

/*
 * The checks of cd_ecrecover that need no curve arithmetic, shared with
 * the SQL detail of a refused signature (order_signature_defect), so
 * that the two can never disagree.
 */
cd_sig_defect
cd_ecrecover_signature_defect(const uint8_t *sig, size_t siglen, uint8_t rs[64], int *recid)
{
	if (siglen == 65)
	{
		uint8_t		v = sig[64];

		if (v == 0 || v == 27)
			*recid = 0;
		else if (v == 1 || v == 28)
			*recid = 1;
		else
			return CD_SIG_BAD_V;
		memcpy(rs, sig, 64);
	}
	else if (siglen == 64)
	{
		/* EIP-2098: the top bit of the second word is the y parity */
		memcpy(rs, sig, 64);
		*recid = rs[32] >> 7;
		rs[32] &= 0x7f;
	}
	else
		return CD_SIG_BAD_LENGTH;
	if (!cd_secp256k1_scalar_in_range(rs) || !cd_secp256k1_scalar_in_range(rs + 32))
		return CD_SIG_OUT_OF_RANGE;
	if (cd_secp256k1_scalar_is_high(rs + 32))
		return CD_SIG_HIGH_S;
	return CD_SIG_WELL_FORMED;
}

/*
 * Normalize v (65 bytes) or unpack yParityAndS (64 bytes) into a recovery
 * id and r || s, reject what OpenZeppelin rejects, then recover.
 */
bool
cd_ecrecover(const uint8_t digest[CD_DIGEST_LEN], const uint8_t *sig, size_t siglen,
			 uint8_t out_address[CD_ETH_ADDRESS_LEN], bool *recovered, cd_error *err)
{
	const secp256k1_context *ctx;
	secp256k1_ecdsa_recoverable_signature rsig;
	secp256k1_pubkey pubkey;
	uint8_t		rs[64];
	uint8_t		uncompressed[65];
	size_t		outlen = sizeof(uncompressed);
	int			recid;

	*recovered = false;
	switch (cd_ecrecover_signature_defect(sig, siglen, rs, &recid))
	{
		case CD_SIG_WELL_FORMED:
			break;
		case CD_SIG_BAD_LENGTH:
			cd_fail(err, CD_ERR_PARAM, "invalid signature length: %zu bytes (expected 65 or 64)", siglen);
			cd_error_detail(err, "A signature is 65 bytes (r || s || v) or 64 bytes (EIP-2098 compact r || yParityAndS).");
			return false;
		default:
			return true;
	}

	ctx = cd_secp256k1_context(err);
	if (ctx == NULL)
		return false;
	if (!secp256k1_ecdsa_recoverable_signature_parse_compact(ctx, &rsig, rs, recid))
		return library_result(err);
	if (!secp256k1_ecdsa_recover(ctx, &pubkey, &rsig, digest))
		return library_result(err);
	secp256k1_ec_pubkey_serialize(ctx, uncompressed, &outlen, &pubkey, SECP256K1_EC_UNCOMPRESSED);
	if (!library_result(err))
		return false;
	cd_eth_address_from_xy(uncompressed + 1, out_address);
	*recovered = true;
	return true;
}

/*
 * Check the key's length and prefix (errors), decode the signature
 * (failures are a false verdict), then let libsecp256k1 decide.
 */
bool
cd_secp256k1_verify(const uint8_t digest[CD_DIGEST_LEN], const uint8_t *sig, size_t siglen,
					const uint8_t *pubkey, size_t pubkeylen, bool allow_high_s,
					bool *valid, cd_error *err)
{
	const secp256k1_context *ctx;
	secp256k1_ecdsa_signature parsed;
	secp256k1_pubkey key;
	uint8_t		rs[64];

	*valid = false;
	if (!cd_secp256k1_check_pubkey_encoding(pubkey, pubkeylen, "public key", " (expected 33 or 65)",
											"secp256k1 public key", err))
		return false;
	if (siglen == 64)
		memcpy(rs, sig, 64);
	else if (!cd_der_parse_ecdsa_signature(sig, siglen, rs, rs + 32, NULL))
		return true;
	if (!cd_secp256k1_scalar_in_range(rs) || !cd_secp256k1_scalar_in_range(rs + 32))
		return true;
	if (cd_secp256k1_scalar_is_high(rs + 32) && !allow_high_s)
		return true;

	ctx = cd_secp256k1_context(err);
	if (ctx == NULL)
		return false;
	if (!secp256k1_ec_pubkey_parse(ctx, &key, pubkey, pubkeylen))
		return library_result(err);
	if (!secp256k1_ecdsa_signature_parse_compact(ctx, &parsed, rs))
		return library_result(err);
	/* a no-op on low-S signatures; turns an allowed high-S one into its twin */
	secp256k1_ecdsa_signature_normalize(ctx, &parsed, &parsed);
	*valid = secp256k1_ecdsa_verify(ctx, &parsed, digest, &key) == 1;
	return library_result(err);
}
