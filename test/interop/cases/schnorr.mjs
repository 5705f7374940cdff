// schnorr_verify(message, signature, pubkey) against @noble/curves'
// BIP-340 schnorr: random keys, random auxiliary randomness, messages of
// random length and content (noble signs messages of any length, as
// BIP-340 allows).  A signature must verify; one with a flipped bit in
// the signature, the message or the key gets noble's verdict.
import { schnorr } from '@noble/curves/secp256k1.js';
import { bitFlipVerifyCases } from '../lib/verify_cases.mjs';

export const name = 'schnorr';
export const requires = ['schnorr_verify'];

export async function run(h, rng, scale) {
	const cases = bitFlipVerifyCases(h, name, rng, 200 * scale, {
		keyPair: () => { const sk = schnorr.utils.randomSecretKey(rng.bytes(48)); return { sk, pub: schnorr.getPublicKey(sk) }; },
		sign: (msg, sk) => schnorr.sign(msg, sk, rng.bytes(32)),
		verdict: (s, m, p) => schnorr.verify(s, m, p),
	});
	await h.check('schnorr_verify', `schnorr_verify(decode(a1, 'hex'), decode(a2, 'hex'), decode(a3, 'hex'))`, cases);
}
