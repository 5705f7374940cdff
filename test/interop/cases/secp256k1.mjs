// secp256k1_verify(digest, signature, pubkey, allow_high_s) against
// @noble/curves: random keys sign random digests (no prehash), the
// signature as 64-byte compact and as DER, the key compressed or not.
// Half the signatures are made without low-S normalization, so high-S
// ones must be refused by default and accepted with allow_high_s, exactly
// as noble's verify with lowS on or off says.  Tampered signatures (a
// flipped bit in r or s, re-encoded), digests and keys give noble's verdict.
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { hex } from '../lib/rng.mjs';
import { randomKeyPair } from '../lib/ecdsa.mjs';

export const name = 'secp256k1';
export const requires = ['secp256k1_verify'];

const Sig = secp256k1.Signature;

// noble's verdict, with lowS enforced unless allowHigh.
function verdict(sig, format, digest, pub, allowHigh) {
	try {
		return secp256k1.verify(sig, digest, pub, { prehash: false, lowS: !allowHigh, format });
	} catch {
		return false;
	}
}

export async function run(h, rng, scale) {
	const cases = [];
	for (let i = 0; i < 150 * scale; i++) {
		const { sk, pub } = randomKeyPair(rng);
		const digest = rng.bytes(32);
		const lowS = rng.chance(0.5);
		const sigC = secp256k1.sign(digest, sk, { prehash: false, lowS, format: 'compact' });
		let parsed = Sig.fromBytes(sigC, 'compact');
		const variants = [['original', parsed, digest, pub]];
		// Tamper one thing: a bit of r or s, a bit of the digest, or a bit
		// of the key's x coordinate (the prefix is kept: a bad prefix is an
		// error, tested by pg_regress).
		switch (rng.int(3)) {
		case 0: {
			const b = Uint8Array.from(sigC); const bit = rng.int(512); b[bit >> 3] ^= 1 << (bit & 7);
			const r = BigInt('0x' + hex(b.subarray(0, 32))), s = BigInt('0x' + hex(b.subarray(32)));
			// Values out of range cannot be DER-encoded by noble; keep them compact only.
			variants.push([`signature bit ${bit}`, { r, s, raw: b }, digest, pub]);
			break;
		}
		case 1: { const d = Uint8Array.from(digest); d[rng.int(32)] ^= 1 << rng.int(8); variants.push(['digest bit', parsed, d, pub]); break; }
		default: { const p = Uint8Array.from(pub); p[1 + rng.int(32)] ^= 1 << rng.int(8); variants.push(['key bit', parsed, digest, p]); break; }
		}
		for (const [how, sg, d, p] of variants) {
			const compactBytes = sg.raw ?? sg.toBytes('compact');
			let der = null;
			try { der = (sg instanceof Sig ? sg : new Sig(sg.r, sg.s)).toBytes('der'); } catch { der = null; }
			for (const allowHigh of [false, true]) {
				const show = { how, lowS, allowHigh, digest: d, pubkey: p };
				cases.push({ args: [hex(d), hex(compactBytes), hex(p), String(allowHigh)],
					expect: String(verdict(compactBytes, 'compact', d, p, allowHigh)), show: { ...show, compact: compactBytes } });
				if (der)
					cases.push({ args: [hex(d), hex(der), hex(p), String(allowHigh)],
						expect: String(verdict(der, 'der', d, p, allowHigh)), show: { ...show, der } });
			}
		}
	}
	await h.check('secp256k1_verify', `secp256k1_verify(decode(a1, 'hex'), decode(a2, 'hex'), decode(a3, 'hex'), a4::boolean)`, cases);
}
