// Cases for a SQL verify(message, signature, pubkey) function, shared by
// the ed25519 and schnorr modules: random keys and messages, each message
// signed; the signature must verify, and one copy with a flipped bit in the
// signature, the message or the key gets the library's verdict.
import { hex, randomMessage, flipBit } from './rng.mjs';

// count cases made with keyPair() -> { sk, pub }, sign(msg, sk) and
// verdict(sig, msg, pub) -> boolean; a signature the library itself rejects
// is a failure of module name.
export function bitFlipVerifyCases(h, name, rng, count, { keyPair, sign, verdict }) {
	const cases = [];
	const add = (how, m, s, p) => cases.push({ args: [hex(m), hex(s), hex(p)], expect: String(verdict(s, m, p)),
		show: { how, message: m, signature: s, pubkey: p } });
	for (let i = 0; i < count; i++) {
		const { sk, pub } = keyPair();
		const msg = randomMessage(rng);
		const sig = sign(msg, sk);
		if (!verdict(sig, msg, pub)) { h.fail(name, 'noble rejects its own signature', { msg, sig, pub }); continue; }
		add('valid', msg, sig, pub);
		switch (rng.int(3)) {
		case 0: add('signature bit', msg, flipBit(rng, sig), pub); break;
		case 1: add('message bit', msg.length ? flipBit(rng, msg) : Uint8Array.of(rng.int(256)), sig, pub); break;
		default: add('key bit', msg, sig, flipBit(rng, pub)); break;
		}
	}
	return cases;
}
