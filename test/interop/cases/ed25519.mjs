// ed25519_verify(message, signature, pubkey) against @noble/curves'
// ed25519 with RFC 8032 strictness (zip215: false, as OpenSSL verifies):
// random keys and messages; a signature must verify, a flipped bit in the
// signature, message or key gets noble's verdict.
import { ed25519 } from '@noble/curves/ed25519.js';
import { hex, randomMessage, flipBit } from '../lib/rng.mjs';

export const name = 'ed25519';
export const requires = ['ed25519_verify'];

function verdict(s, m, p) {
	try { return ed25519.verify(s, m, p, { zip215: false }); } catch { return false; }
}

export async function run(h, rng, scale) {
	const cases = [];
	const add = (how, m, s, p) => cases.push({ args: [hex(m), hex(s), hex(p)], expect: String(verdict(s, m, p)),
		show: { how, message: m, signature: s, pubkey: p } });
	for (let i = 0; i < 200 * scale; i++) {
		const sk = rng.bytes(32);
		const pub = ed25519.getPublicKey(sk);
		const msg = randomMessage(rng);
		const sig = ed25519.sign(msg, sk);
		if (!verdict(sig, msg, pub)) { h.fail(name, 'noble rejects its own signature', { msg, sig, pub }); continue; }
		add('valid', msg, sig, pub);
		switch (rng.int(3)) {
		case 0: add('signature bit', msg, flipBit(rng, sig), pub); break;
		case 1: add('message bit', msg.length ? flipBit(rng, msg) : Uint8Array.of(rng.int(256)), sig, pub); break;
		default: add('key bit', msg, sig, flipBit(rng, pub)); break;
		}
	}
	await h.check('ed25519_verify', `ed25519_verify(decode(a1, 'hex'), decode(a2, 'hex'), decode(a3, 'hex'))`, cases);
}
