// schnorr_verify(message, signature, pubkey) against @noble/curves'
// BIP-340 schnorr: random keys, random auxiliary randomness, messages of
// random length and content (noble signs messages of any length, as
// BIP-340 allows).  A signature must verify; one with a flipped bit in
// the signature, the message or the key gets noble's verdict.
import { schnorr } from '@noble/curves/secp256k1.js';
import { hex, randomMessage, flipBit } from '../lib/rng.mjs';

export const name = 'schnorr';
export const requires = ['schnorr_verify'];

export async function run(h, rng, scale) {
	const cases = [];
	const add = (how, m, s, p) => cases.push({ args: [hex(m), hex(s), hex(p)], expect: String(schnorr.verify(s, m, p)),
		show: { how, message: m, signature: s, pubkey: p } });
	for (let i = 0; i < 200 * scale; i++) {
		const sk = schnorr.utils.randomSecretKey(rng.bytes(48));
		const pub = schnorr.getPublicKey(sk);
		const msg = randomMessage(rng);
		const sig = schnorr.sign(msg, sk, rng.bytes(32));
		if (!schnorr.verify(sig, msg, pub)) { h.fail(name, 'noble rejects its own signature', { msg, sig, pub }); continue; }
		add('valid', msg, sig, pub);
		switch (rng.int(3)) {
		case 0: add('signature bit', msg, flipBit(rng, sig), pub); break;
		case 1: add('message bit', msg.length ? flipBit(rng, msg) : Uint8Array.of(rng.int(256)), sig, pub); break;
		default: add('key bit', msg, sig, flipBit(rng, pub)); break;
		}
	}
	await h.check('schnorr_verify', `schnorr_verify(decode(a1, 'hex'), decode(a2, 'hex'), decode(a3, 'hex'))`, cases);
}
