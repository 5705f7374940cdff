/*
 * test_ecdsa.c - ecrecover in the core: published signatures, every
 * rejection rule, and the length errors
 *
 * Values: viem's signMessage test (Anvil account 0), EIP-2098's examples
 * and go-ethereum's crypto tests (see test/vectors/README.md).
 */
#include <stdbool.h>

#include "unit.h"
#include "core/ecdsa.h"
#include "core/keccak.h"
#include "core/secp256k1_context.h"

/* Anvil account 0 signs "hello world" with personal_sign (viem) */
static const char *viem_digest = "d9eba16ed0ecae432b71fe008c98cc872bb4cc214d3220a36f365326cf807d68";
static const char *viem_sig = "a461f509887bd19e312c0c58467ce8ff8e300d3c1a90b608a760c5b80318eaf1"
	"5fe57c96f9175d6cd4daad4663763baa7e78836e067d0163e9a2ccf2ff753f5b1b";
static const char *viem_signer = "f39fd6e51aad88f6f4ce6ab8827279cfffb92266";

/* Recover with a hex digest and signature; returns *recovered. */
static bool
recover_hex(const char *digest_hex, const char *sig_hex, uint8_t address[20], cd_error *err)
{
	uint8_t		digest[32];
	uint8_t		sig[65];
	bool		recovered = true;

	unit_hex_bytes(digest_hex, digest);
	unit_hex_bytes(sig_hex, sig);
	cd_error_clear(err);
	CHECK(cd_ecrecover(digest, sig, strlen(sig_hex) / 2, address, &recovered, err));
	return recovered;
}

static void
test_published_signatures(void)
{
	uint8_t		address[20];
	cd_error	err;

	CHECK(recover_hex(viem_digest, viem_sig, address, &err));
	CHECK_HEX_EQ(address, 20, viem_signer);

	/* EIP-2098's second example: compact form, parity bit set (v = 28) */
	{
		const char *prefixed = "\x19" "Ethereum Signed Message:\n22It's a small(er) world";
		uint8_t		digest[32];
		uint8_t		sig[64];
		bool		recovered = false;

		cd_keccak256((const uint8_t *) prefixed, strlen(prefixed), digest);
		unit_hex_bytes("9328da16089fcba9bececa81663203989f2df5fe1faa6291a45381c81bd17f76"
				 "939c6d6b623b42da56557e5e734a43dc83345ddfadec52cbe24d0cc64f550793", sig);
		CHECK(cd_ecrecover(digest, sig, 64, address, &recovered, &err));
		CHECK(recovered);
		CHECK_HEX_EQ(address, 20, "2e988a386a799f506693793c6a5af6b54dfaabfb");
	}
}

/* The 64-byte compact form and the 65-byte form give the same signer. */
static void
test_compact_matches_long_form(void)
{
	uint8_t		sig65[65];
	uint8_t		sig64[64];
	uint8_t		digest[32];
	uint8_t		a65[20];
	uint8_t		a64[20];
	bool		r65 = false;
	bool		r64 = false;
	cd_error	err;

	unit_hex_bytes(viem_digest, digest);
	unit_hex_bytes(viem_sig, sig65);
	memcpy(sig64, sig65, 64);
	if (sig65[64] == 28)
		sig64[32] |= 0x80;
	CHECK(cd_ecrecover(digest, sig65, 65, a65, &r65, &err));
	CHECK(cd_ecrecover(digest, sig64, 64, a64, &r64, &err));
	CHECK(r65 && r64);
	CHECK(memcmp(a65, a64, 20) == 0);
	/* v = 0 is the same as v = 27 */
	sig65[64] = 0;
	CHECK(cd_ecrecover(digest, sig65, 65, a64, &r64, &err));
	CHECK(r64 && memcmp(a65, a64, 20) == 0);
	/* the parity bit set on the compact form gives another key */
	sig64[32] |= 0x80;
	CHECK(cd_ecrecover(digest, sig64, 64, a64, &r64, &err));
	CHECK(r64 && memcmp(a65, a64, 20) != 0);
}

/* Each rule OpenZeppelin applies gives "not recovered", never an error. */
static void
test_rejections(void)
{
	uint8_t		digest[32];
	uint8_t		sig[65];
	uint8_t		address[20];
	bool		recovered;
	cd_error	err;
	static const uint8_t bad_v[] = {2, 3, 26, 29, 35, 36, 255};

	unit_hex_bytes(viem_digest, digest);
	for (size_t i = 0; i < sizeof(bad_v); i++)
	{
		unit_hex_bytes(viem_sig, sig);
		sig[64] = bad_v[i];
		recovered = true;
		CHECK(cd_ecrecover(digest, sig, 65, address, &recovered, &err));
		CHECK(!recovered);
	}
	/* r = 0 */
	unit_hex_bytes(viem_sig, sig);
	memset(sig, 0, 32);
	CHECK(cd_ecrecover(digest, sig, 65, address, &recovered, &err) && !recovered);
	/* s = 0 */
	unit_hex_bytes(viem_sig, sig);
	memset(sig + 32, 0, 32);
	CHECK(cd_ecrecover(digest, sig, 65, address, &recovered, &err) && !recovered);
	/* r = n */
	unit_hex_bytes(viem_sig, sig);
	memcpy(sig, cd_secp256k1_order, 32);
	CHECK(cd_ecrecover(digest, sig, 65, address, &recovered, &err) && !recovered);
	/* s = n/2 is accepted, n/2 + 1 is high */
	unit_hex_bytes(viem_sig, sig);
	memcpy(sig + 32, cd_secp256k1_half_order, 32);
	CHECK(cd_ecrecover(digest, sig, 65, address, &recovered, &err) && recovered);
	sig[63]++;
	CHECK(cd_ecrecover(digest, sig, 65, address, &recovered, &err) && !recovered);
	/* r that is not the x coordinate of a point (x = 5 has no y on secp256k1) */
	unit_hex_bytes(viem_sig, sig);
	memset(sig, 0, 32);
	sig[31] = 5;
	CHECK(cd_ecrecover(digest, sig, 65, address, &recovered, &err) && !recovered);
	CHECK(!cd_secp256k1_take_illegal_argument());
}

static void
test_wrong_lengths(void)
{
	uint8_t		digest[32] = {0};
	uint8_t		sig[66] = {0};
	uint8_t		address[20];
	bool		recovered = true;
	cd_error	err;
	static const size_t lengths[] = {0, 1, 63, 66};

	for (size_t i = 0; i < sizeof(lengths) / sizeof(lengths[0]); i++)
	{
		cd_error_clear(&err);
		CHECK_FAILS(cd_ecrecover(digest, sig, lengths[i], address, &recovered, &err), err, CD_ERR_PARAM, "expected 65 or 64");
		CHECK(!recovered);
	}
}

static void
test_scalar_helpers(void)
{
	uint8_t		x[32] = {0};

	CHECK(!cd_secp256k1_scalar_in_range(x));
	x[31] = 1;
	CHECK(cd_secp256k1_scalar_in_range(x));
	CHECK(!cd_secp256k1_scalar_is_high(x));
	memcpy(x, cd_secp256k1_order, 32);
	CHECK(!cd_secp256k1_scalar_in_range(x));
	x[31]--;
	CHECK(cd_secp256k1_scalar_in_range(x));
	CHECK(cd_secp256k1_scalar_is_high(x));
	CHECK(!cd_secp256k1_scalar_is_high(cd_secp256k1_half_order));
}

/*
 * cd_ecrecover_signature_defect: each defect, in cd_ecrecover's order,
 * and the parity bit of the compact form cleared in rs.
 */
static void
test_signature_defects(void)
{
	uint8_t		sig[65];
	uint8_t		rs[64];
	int			recid = -1;

	memset(sig, 0x11, 64);
	sig[64] = 27;
	CHECK(cd_ecrecover_signature_defect(sig, 65, rs, &recid) == CD_SIG_WELL_FORMED && recid == 0);
	sig[64] = 1;
	CHECK(cd_ecrecover_signature_defect(sig, 65, rs, &recid) == CD_SIG_WELL_FORMED && recid == 1);
	CHECK(cd_ecrecover_signature_defect(sig, 63, rs, &recid) == CD_SIG_BAD_LENGTH);
	sig[64] = 29;
	CHECK(cd_ecrecover_signature_defect(sig, 65, rs, &recid) == CD_SIG_BAD_V);
	sig[64] = 27;
	memset(sig, 0, 32);			/* r = 0 */
	CHECK(cd_ecrecover_signature_defect(sig, 65, rs, &recid) == CD_SIG_OUT_OF_RANGE);
	memset(sig, 0x11, 32);
	memset(sig + 32, 0xff, 32);	/* s >= n */
	CHECK(cd_ecrecover_signature_defect(sig, 65, rs, &recid) == CD_SIG_OUT_OF_RANGE);
	memcpy(sig + 32, cd_secp256k1_half_order, 32);
	sig[63] += 1;				/* s = n/2 + 1 */
	CHECK(cd_ecrecover_signature_defect(sig, 65, rs, &recid) == CD_SIG_HIGH_S);
	/* compact: the top bit of s is the parity, not part of s */
	memset(sig + 32, 0x11, 32);
	sig[32] |= 0x80;
	CHECK(cd_ecrecover_signature_defect(sig, 64, rs, &recid) == CD_SIG_WELL_FORMED && recid == 1 && rs[32] == 0x11);
}

int
main(void)
{
	RUN(test_published_signatures);
	RUN(test_compact_matches_long_form);
	RUN(test_rejections);
	RUN(test_wrong_lengths);
	RUN(test_scalar_helpers);
	RUN(test_signature_defects);
	return unit_summary("test_ecdsa");
}
