#!/usr/bin/env bash
# Vector suite for the signature functions: every case of the published
# files in test/vectors/ (sources in its README.md) is checked in the
# database and must give the file's verdict.
#
#   Wycheproof ECDSA secp256k1/SHA-256, DER   secp256k1_verify(sha256(msg), sig, key, allow_high_s => true)
#   Wycheproof ... _bitcoin_ (low-S)         secp256k1_verify(..., default allow_high_s => false)
#   Wycheproof ... _p1363_ (r || s)          secp256k1_verify(..., allow_high_s => true)
#   BIP-340 test-vectors.csv                 schnorr_verify
#   RFC 8032 section 7.1                     ed25519_verify (and each signature with one bit flipped: false)
#   Wycheproof Ed25519                       ed25519_verify; a signature or key of the wrong length must
#                                            raise SQLSTATE 22023 (the "invalid" verdict, as an error)
#   ed25519-speccheck                        ed25519_verify against OpenSSL 3's verdicts, documented
#                                            case by case in docs/signatures.md
#   ethereum-sig-misc-vectors.json           EIP-191 hashes and signers, EIP-2098 compact signatures,
#                                            go-ethereum's recovery and high-S cases, EIP-55 addresses
#   geth-precompile-ecRecover.json           ecrecover; where the precompile accepts a high-S signature
#                                            we return NULL (OpenZeppelin's rule) and its low-S twin must
#                                            recover the precompile's address
#   ethers-testcases-accounts.json           private key -> public key (tiny C helper) -> eth_address()
#
# Prints the counts per file and "N passed, N failed"; exits 1 on any
# mismatch or missing file.
set -u
cd "$(dirname "$0")/../.."

. test/suites/lib/vectors.sh
require_vectors vectors_signatures wycheproof-ecdsa_secp256k1_sha256_test.json \
	wycheproof-ecdsa_secp256k1_sha256_bitcoin_test.json wycheproof-ecdsa_secp256k1_sha256_p1363_test.json \
	bip340-test-vectors.csv rfc8032-ed25519-vectors.json wycheproof-ed25519_test.json \
	ed25519-speccheck-cases.json ethereum-sig-misc-vectors.json geth-precompile-ecRecover.json \
	ethers-testcases-accounts.json

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if ! cc -O1 -o "$tmp/keys" test/suites/vectors_signatures_keys.c -lsecp256k1; then
	echo "vectors_signatures: FAILED: could not build the key helper"
	exit 1
fi

db=cd_vectors_signatures
fresh_database "$db" || exit 1
PSQL=(psql -q -X -v ON_ERROR_STOP=1 -d "$db")
"${PSQL[@]}" -c 'CREATE EXTENSION creative_defi' || exit 1

# Key material the SQL API cannot derive: public keys of the ethers
# accounts, and the low-S twins of the precompile's signatures.
"${PSQL[@]}" -At -v v="$(cat "$VECTORS/ethers-testcases-accounts.json")" <<'SQL' > "$tmp/privkeys" || exit 1
SELECT e->>'privateKey' FROM jsonb_array_elements(:'v'::jsonb) WITH ORDINALITY AS t(e, i) ORDER BY i;
SQL
"$tmp/keys" pubkey < "$tmp/privkeys" > "$tmp/pubkeys" || exit 1
"${PSQL[@]}" -At -v v="$(cat "$VECTORS/geth-precompile-ecRecover.json")" <<'SQL' > "$tmp/precompile_rs" || exit 1
SELECT substr(rpad(e->>'Input', 256, '0'), 129, 128) FROM jsonb_array_elements(:'v'::jsonb) WITH ORDINALITY AS t(e, i) ORDER BY i;
SQL
"$tmp/keys" lows < "$tmp/precompile_rs" > "$tmp/precompile_lows" || exit 1
paste -d '|' "$tmp/privkeys" "$tmp/pubkeys" > "$tmp/accounts.psv"
paste -d '|' "$tmp/precompile_rs" "$tmp/precompile_lows" > "$tmp/precompile.psv"

# The files are read by psql itself (\set x `cat file`): some are larger
# than one command-line argument may be.
"${PSQL[@]}" -v vdir="$VECTORS" -v tmp="$tmp" \
	-f test/suites/vectors_signatures.sql > "$tmp/out" 2>&1
rc=$?
cat "$tmp/out"
dropdb --if-exists "$db" >/dev/null 2>&1
if [ $rc -ne 0 ]; then
	echo "vectors_signatures: FAILED: psql exited $rc"
	exit 1
fi
summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$tmp/out" | tail -n 1)
[ -n "$summary" ] || { echo "vectors_signatures: FAILED: no summary"; exit 1; }
case "$summary" in
	*" 0 failed") exit 0 ;;
	*) exit 1 ;;
esac
