// keccak256(bytea) and keccak256(text) against ethers, viem and
// @noble/hashes: random binary of every length class (around the 136-byte
// rate especially) and random UTF-8 text.
import { keccak256 as ethersKeccak, id as ethersId } from 'ethers';
import { keccak256 as viemKeccak, toBytes } from 'viem';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { hex, randomMessage, randomText } from '../lib/rng.mjs';

export const name = 'keccak256';
export const requires = ['keccak256'];

// One digest that three independent implementations agree on, or null
// (after reporting) if they do not.
function digest(h, bytes) {
	const a = ethersKeccak(bytes).slice(2);
	const b = viemKeccak(bytes).slice(2);
	const c = hex(keccak_256(bytes));
	if (a !== b || a !== c) {
		h.fail(name, 'ethers, viem and noble disagree on keccak256', { input: bytes, ethers: a, viem: b, noble: c });
		return null;
	}
	return a;
}

export async function run(h, rng, scale) {
	const bin = [];
	for (let i = 0; i < 300 * scale; i++) {
		const m = i < 300 ? rng.bytes(i) : randomMessage(rng);
		const d = digest(h, m);
		if (d !== null) bin.push({ args: [hex(m)], expect: d, show: { bytes: m } });
	}
	await h.check('keccak256/bytea', `encode(keccak256(decode(a1, 'hex')), 'hex')`, bin);

	const txt = [];
	for (let i = 0; i < 200 * scale; i++) {
		const s = randomText(rng, rng.int(160), 'mixed');
		// ethers.id hashes the UTF-8 bytes of the string, as keccak256(text) does.
		const d = ethersId(s).slice(2);
		if (d !== digest(h, toBytes(s))) continue;
		txt.push({ args: [s], expect: d, show: { text: s } });
	}
	await h.check('keccak256/text', `encode(keccak256(a1), 'hex')`, txt);
}
