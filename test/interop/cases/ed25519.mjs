// ed25519_verify(message, signature, pubkey) against @noble/curves'
// ed25519 with RFC 8032 strictness (zip215: false, as OpenSSL verifies):
// random keys and messages; a signature must verify, a flipped bit in the
// signature, message or key gets noble's verdict.
import { ed25519 } from '@noble/curves/ed25519.js';
import { bitFlipVerifyCases } from '../lib/verify_cases.mjs';

export const name = 'ed25519';
export const requires = ['ed25519_verify'];

function verdict(s, m, p) {
	try { return ed25519.verify(s, m, p, { zip215: false }); } catch { return false; }
}

export async function run(h, rng, scale) {
	const cases = bitFlipVerifyCases(h, name, rng, 200 * scale, {
		keyPair: () => { const sk = rng.bytes(32); return { sk, pub: ed25519.getPublicKey(sk) }; },
		sign: (msg, sk) => ed25519.sign(msg, sk),
		verdict,
	});
	await h.check('ed25519_verify', `ed25519_verify(decode(a1, 'hex'), decode(a2, 'hex'), decode(a3, 'hex'))`, cases);
}
