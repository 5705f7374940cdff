/*
 * message_verify.c - what the (message, signature, public key) verifiers
 * share: their argument checks (see message_verify.h)
 */
#include "length_check.h"
#include "message_verify.h"

/* see message_verify.h */
bool
cd_message_verify_start(const uint8_t **message,
						size_t siglen, size_t expected_siglen,
						size_t pubkeylen, size_t expected_pubkeylen,
						const char *lengths_detail, bool *valid, cd_error *err)
{
	static const uint8_t empty[1] = {0};

	*valid = false;
	if (!cd_require_length("signature", siglen, expected_siglen, err) ||
		!cd_require_length("public key", pubkeylen, expected_pubkeylen, err))
	{
		cd_error_detail(err, "%s", lengths_detail);
		return false;
	}
	if (*message == NULL)
		*message = empty;
	return true;
}
