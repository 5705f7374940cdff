// Seeded pseudo-random generator for the interop suite.
//
// Every random choice in a run (keys, messages, typed data, amounts, and the
// auxiliary randomness of Schnorr signing) comes from here, so a seed
// reproduces a run exactly.  Each case group gets its own stream, derived
// from the run seed and the group name, so INTEROP_ONLY=<group> replays the
// very same cases as the full run.  sfc32 is fast and plenty for test data;
// it is not meant to be cryptographically strong.
import { sha256 } from '@noble/hashes/sha2.js';

const enc = new TextEncoder();

export class Rng {
	// Seed sfc32's four words from SHA-256(seed "/" stream).
	constructor(seed, stream = '') {
		const h = sha256(enc.encode(`${seed}/${stream}`));
		const w = new DataView(h.buffer, h.byteOffset, h.byteLength);
		this.a = w.getUint32(0); this.b = w.getUint32(4);
		this.c = w.getUint32(8); this.d = w.getUint32(12) | 1;
		for (let i = 0; i < 16; i++) this.u32();
	}

	// One 32-bit output of sfc32.
	u32() {
		const t = (((this.a + this.b) | 0) + this.d) | 0;
		this.d = (this.d + 1) | 0;
		this.a = this.b ^ (this.b >>> 9);
		this.b = (this.c + (this.c << 3)) | 0;
		this.c = (this.c << 21) | (this.c >>> 11);
		this.c = (this.c + t) | 0;
		return t >>> 0;
	}

	// Uniform integer in [0, n) for n <= 2^32, without modulo bias.
	int(n) {
		if (n <= 1) return 0;
		const limit = Math.floor(0x100000000 / n) * n;
		let x;
		do { x = this.u32(); } while (x >= limit);
		return x % n;
	}

	// Uniform integer in [lo, hi].
	range(lo, hi) { return lo + this.int(hi - lo + 1); }

	// True with probability p.
	chance(p) { return this.u32() < p * 0x100000000; }

	pick(arr) { return arr[this.int(arr.length)]; }

	bytes(n) {
		const out = new Uint8Array(n);
		for (let i = 0; i < n; i += 4) {
			const x = this.u32();
			for (let j = 0; j < 4 && i + j < n; j++) out[i + j] = (x >>> (8 * j)) & 0xff;
		}
		return out;
	}

	// Uniform BigInt in [0, 2^bits).
	bits(bits) {
		let v = 0n;
		for (let done = 0; done < bits; done += 32) v = (v << 32n) | BigInt(this.u32());
		const extra = (Math.ceil(bits / 32) * 32) - bits;
		return v >> BigInt(extra);
	}

	// Uniform BigInt in [0, n).
	below(n) {
		if (n <= 1n) return 0n;
		const bits = (n - 1n).toString(2).length;
		let v;
		do { v = this.bits(bits); } while (v >= n);
		return v;
	}

	// A BigInt in [0, 2^bits) whose size is itself random (so small and
	// large values both appear), with the edges 0, 1 and 2^bits-1 common.
	bigish(bits) {
		const r = this.int(10);
		if (r === 0) return 0n;
		if (r === 1) return 1n;
		if (r === 2) return (1n << BigInt(bits)) - 1n;
		return this.bits(this.range(1, bits));
	}

	shuffle(arr) {
		for (let i = arr.length - 1; i > 0; i--) {
			const j = this.int(i + 1);
			[arr[i], arr[j]] = [arr[j], arr[i]];
		}
		return arr;
	}
}

// Random message bytes of the kinds wallets sign: empty, ASCII text,
// non-ASCII UTF-8 (accents, CJK, emoji, the replacement character),
// arbitrary binary, and lengths around Keccak's 136-byte rate.
export function randomMessage(rng) {
	switch (rng.int(6)) {
	case 0: return new Uint8Array(0);
	case 1: return enc.encode(randomText(rng, rng.int(80), 'ascii'));
	case 2: return enc.encode(randomText(rng, rng.int(60), 'unicode'));
	case 3: return rng.bytes(rng.int(300));
	case 4: return rng.bytes(rng.pick([1, 31, 32, 33, 64, 135, 136, 137, 271, 272, 273]));
	default: return enc.encode(randomText(rng, rng.int(200), 'mixed'));
	}
}

const UNICODE = ['é', 'ß', 'Ω', 'я', 'ع', 'ह', '中', '文', '日本', '한', '🎨', '🎵', '💸', '👩‍🎤',
	'\n', '\t', '"', '\\', '\u200b', '\ufeff', '\ufffd', '𝄞', '∑', '€'];

// A random string: 'ascii' printable, 'unicode' from UNICODE, or a 'mixed'
// of both.  No NUL: PostgreSQL text cannot hold it (bytea cases cover it).
export function randomText(rng, len, kind = 'mixed') {
	let s = '';
	for (let i = 0; i < len; i++) {
		const uni = kind === 'unicode' || (kind === 'mixed' && rng.chance(0.3));
		s += uni ? rng.pick(UNICODE) : String.fromCharCode(rng.range(0x20, 0x7e));
	}
	return s;
}

export function hex(bytes) {
	return Buffer.from(bytes).toString('hex');
}

// A copy of bytes with one random bit flipped.
export function flipBit(rng, bytes, from = 0, to = bytes.length) {
	const out = Uint8Array.from(bytes);
	const i = from + rng.int(to - from);
	out[i] ^= 1 << rng.int(8);
	return out;
}
