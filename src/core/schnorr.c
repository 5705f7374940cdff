/*
 * schnorr.c - BIP-340 verification
 *
 * libsecp256k1 0.2.0's secp256k1_schnorrsig_verify takes the message
 * length, so messages of any size are verified as BIP-340 specifies
 * (not only 32-byte digests).
 */
#include <secp256k1.h>
#include <secp256k1_extrakeys.h>
#include <secp256k1_schnorrsig.h>

#include "length_check.h"
#include "schnorr.h"
#include "secp256k1_context.h"

/*
 * Lengths first (errors), then parse the key (a bad key is a false
 * verdict) and verify.
 */
bool
cd_schnorr_verify(const uint8_t *message, size_t msglen,
				  const uint8_t *sig, size_t siglen,
				  const uint8_t *pubkey, size_t pubkeylen,
				  bool *valid, cd_error *err)
{
	static const uint8_t empty[1] = {0};
	const secp256k1_context *ctx;
	secp256k1_xonly_pubkey key;

	*valid = false;
	if (!cd_require_length("signature", siglen, CD_SCHNORR_SIG_LEN, err) ||
		!cd_require_length("public key", pubkeylen, CD_SCHNORR_PUBKEY_LEN, err))
	{
		cd_error_detail(err, "BIP-340 signatures are 64 bytes and public keys 32 bytes (x-only).");
		return false;
	}
	ctx = cd_secp256k1_context(err);
	if (ctx == NULL)
		return false;
	/* the library wants a non-NULL pointer even for an empty message */
	if (message == NULL)
		message = empty;
	if (secp256k1_xonly_pubkey_parse(ctx, &key, pubkey))
		*valid = secp256k1_schnorrsig_verify(ctx, sig, message, msglen, &key) == 1;
	if (cd_secp256k1_take_illegal_argument())
		return cd_fail(err, CD_ERR_LIBRARY, "libsecp256k1 rejected an argument that was validated");
	return true;
}
