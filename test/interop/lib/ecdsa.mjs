// secp256k1 ECDSA helpers shared by the ecrecover, EIP-191 and EIP-712
// modules: OpenZeppelin ECDSA.tryRecover's acceptance rules ported to
// JavaScript over @noble/curves' recovery, and signature re-encodings; and
// random key pairs (eth_address and secp256k1 modules too).
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { computeAddress } from 'ethers';
import { hex } from './rng.mjs';

export const N = secp256k1.Point.Fn.ORDER;

// A random key pair; the public key is compressed (33 bytes) or not (65)
// at random.
export function randomKeyPair(rng) {
	const sk = secp256k1.utils.randomSecretKey(rng.bytes(48));
	const compressed = rng.chance(0.5);
	return { sk, compressed, pub: secp256k1.getPublicKey(sk, compressed) };
}
export const HALF_N = N >> 1n; // OpenZeppelin's 0x7FFF...5D576E7357A4501DDFE92F46681B20A0

export function toBig(bytes) {
	return bytes.length === 0 ? 0n : BigInt('0x' + hex(bytes));
}

export function toBytes32(v) {
	return Uint8Array.from(Buffer.from(v.toString(16).padStart(64, '0'), 'hex'));
}

// The address OpenZeppelin ECDSA.tryRecover returns for a 65-byte
// r||s||v or 64-byte EIP-2098 signature, or null where it returns an
// error: s > n/2, r or s zero or >= n, v not 27/28 (the database also
// takes 0/1, as its documentation says), or nothing recovers.
export function ozTryRecover(digest, sig) {
	let r, s, v;
	if (sig.length === 65) {
		r = toBig(sig.subarray(0, 32)); s = toBig(sig.subarray(32, 64)); v = sig[64];
	} else if (sig.length === 64) {
		r = toBig(sig.subarray(0, 32));
		const vs = toBig(sig.subarray(32, 64));
		s = vs & ((1n << 255n) - 1n);
		v = Number(vs >> 255n) + 27;
	} else {
		throw new Error('signature length');
	}
	if (s > HALF_N) return null;
	let recid;
	if (v === 27 || v === 28) recid = v - 27;
	else if (v === 0 || v === 1) recid = v;
	else return null;
	if (r === 0n || r >= N || s === 0n) return null;
	try {
		const pub = new secp256k1.Signature(r, s, recid).recoverPublicKey(digest);
		return computeAddress('0x' + pub.toHex(false));
	} catch {
		return null;
	}
}

// 65-byte r||s||v (v = 27 + parity) from r, s and the y parity.
export function rsv(r, s, parity, vBase = 27) {
	const out = new Uint8Array(65);
	out.set(toBytes32(r), 0); out.set(toBytes32(s), 32); out[64] = vBase + parity;
	return out;
}

// EIP-2098 compact: r || (parity << 255 | s).
export function compact(r, s, parity) {
	const out = new Uint8Array(64);
	out.set(toBytes32(r), 0); out.set(toBytes32((BigInt(parity) << 255n) | s), 32);
	return out;
}

// Split a 65-byte r||s||v (v 27/28) into its parts.
export function parts(sig65) {
	return { r: toBig(sig65.subarray(0, 32)), s: toBig(sig65.subarray(32, 64)), parity: sig65[64] - 27 };
}

// A tampered copy of a 65-byte signature and what tryRecover then says:
// one of a flipped bit in r, s or v, the high-S twin (n - s with the
// parity flipped: valid for the curve, refused by OpenZeppelin), an
// out-of-range v, r or s set to 0 or n.
export function tamperSignature(rng, digest, sig65) {
	const { r, s, parity } = parts(sig65);
	let bad, how;
	switch (rng.int(7)) {
	case 0: case 1: {
		const bit = rng.int(520);
		bad = Uint8Array.from(sig65); bad[bit >> 3] ^= 1 << (bit & 7);
		how = `bit ${bit} flipped`; break;
	}
	case 2: bad = rsv(r, N - s, 1 - parity); how = 'high-S twin'; break;
	case 3: bad = Uint8Array.from(sig65); bad[64] = rng.pick([2, 26, 29, 30, 255, 0x1b + 0x80]); how = `v = ${bad[64]}`; break;
	case 4: bad = rsv(rng.chance(0.5) ? 0n : N, s, parity); how = 'r = 0 or n'; break;
	case 5: bad = rsv(r, rng.chance(0.5) ? 0n : N, parity); how = 's = 0 or n'; break;
	default: bad = rsv(r, s, 1 - parity); how = 'parity flipped'; break;
	}
	return { sig: bad, how, expect: ozTryRecover(digest, bad) };
}
