/*
 * ed25519.c - Ed25519 verification through OpenSSL 3's EVP interface
 *
 * OpenSSL's verifier (RFC 8032 section 5.1.7 with the cofactorless
 * equation [S]B = R + [k]A) rejects S >= L and a public key or R that does
 * not decode, and accepts small-order keys and R; see docs/signatures.md
 * for its verdict on each ed25519-speccheck case.
 */
#include <openssl/err.h>
#include <openssl/evp.h>

#include "message_verify.h"

/*
 * Check lengths, then run one EVP_DigestVerify.  A key OpenSSL refuses to
 * load is a false verdict, not an error: it is just an invalid key.
 */
bool
cd_ed25519_verify(const uint8_t *message, size_t msglen,
				  const uint8_t *sig, size_t siglen,
				  const uint8_t *pubkey, size_t pubkeylen,
				  bool *valid, cd_error *err)
{
	EVP_PKEY   *key;
	EVP_MD_CTX *md;
	bool		ok = true;

	if (!cd_message_verify_start(&message, siglen, CD_ED25519_SIG_LEN,
								 pubkeylen, CD_ED25519_PUBKEY_LEN,
								 "Ed25519 signatures are 64 bytes and public keys 32 bytes.",
								 valid, err))
		return false;
	key = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, NULL, pubkey, pubkeylen);
	if (key == NULL)
	{
		ERR_clear_error();
		return true;
	}
	md = EVP_MD_CTX_new();
	if (md == NULL)
		ok = cd_fail(err, CD_ERR_LIBRARY, "could not allocate an OpenSSL digest context");
	else if (EVP_DigestVerifyInit(md, NULL, NULL, NULL, key) != 1)
		ok = cd_fail(err, CD_ERR_LIBRARY, "OpenSSL could not set up Ed25519 verification");
	else
		*valid = EVP_DigestVerify(md, sig, siglen, message, msglen) == 1;
	EVP_MD_CTX_free(md);
	EVP_PKEY_free(key);
	/* a failed verification leaves entries on OpenSSL's per-thread error queue */
	ERR_clear_error();
	return ok;
}
