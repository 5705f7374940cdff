// Standalone verifier of creative_defi liabilities inclusion proofs: the
// JSON that liabilities_proof() returns, checked without a database, by
// the encoding of docs/solvency.md ("Encoding", "The proof").
//
//   npm install @noble/hashes            (Keccak-256; nothing else is needed)
//   node liabilities_verify.mjs proof.json [root total]
//
// prints "valid" (exit 0) or "INVALID" (exit 1), or the reason a proof is
// malformed (exit 2).  Given root (0x + 64 hex) and total (decimal), it
// also requires that the proof is against them: the values the operator
// published.  As a module:
//
//   import { keccak_256 } from '@noble/hashes/sha3.js';
//   import { verifyLiabilitiesProof } from './liabilities_verify.mjs';
//   verifyLiabilitiesProof(proof, keccak_256)   // true or false; throws on a malformed proof
//
// It refuses exactly what the database's liabilities_verify refuses: a
// missing or unknown member, hex without 0x or of the wrong length, a sum
// or balance that is not a decimal string, negative, or above 2^256 - 1,
// an index not below leaf_count, a path of the wrong length.

const U256_MAX = (1n << 256n) - 1n;
const MAX_LEAVES = 2 ** 32;
const VERIFIED = ['account', 'balance', 'salt', 'leaf', 'index', 'leaf_count', 'path', 'root', 'total'];
const INFORMATIVE = ['snapshot', 'asset', 'seq', 'journal_head'];
const LEAF_TAG = new TextEncoder().encode('creative_defi.solvency.leaf');
const NODE_TAG = new TextEncoder().encode('creative_defi.solvency.node');

export class MalformedProof extends Error {}

function hexBytes(value, name, length) {
	if (typeof value !== 'string') throw new MalformedProof(`"${name}" must be a string`);
	if (!/^0[xX]/.test(value)) throw new MalformedProof(`"${name}" must start with 0x`);
	if (!/^[0-9a-fA-F]*$/.test(value.slice(2))) throw new MalformedProof(`"${name}" is not hexadecimal`);
	if (value.length !== 2 + 2 * length) throw new MalformedProof(`"${name}" must be ${length} bytes`);
	return Uint8Array.from(value.slice(2).match(/../g), b => parseInt(b, 16));
}

function u256(value, name) {
	if (typeof value !== 'string') throw new MalformedProof(`"${name}" must be a string`);
	if (value.startsWith('-')) throw new MalformedProof(`"${name}" is negative`);
	if (!/^[0-9]+$/.test(value)) throw new MalformedProof(`"${name}" must be a non-negative integer`);
	const v = BigInt(value);
	if (v > U256_MAX) throw new MalformedProof(`"${name}" is out of range for uint256`);
	return v;
}

function count(value, name) {
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_LEAVES)
		throw new MalformedProof(`"${name}" must be a whole number from 0 to ${MAX_LEAVES}`);
	return value;
}

function be32(v) {
	const out = new Uint8Array(32);
	for (let i = 31; i >= 0; i--, v >>= 8n) out[i] = Number(v & 0xffn);
	return out;
}

function concat(...parts) {
	const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	let at = 0;
	for (const p of parts) { out.set(p, at); at += p.length; }
	return out;
}

const equal = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);

// ceil(log2(n)): the levels above n leaves.
function depth(n) {
	let d = 0;
	for (; n > 1; n = Math.ceil(n / 2)) d++;
	return d;
}

// The parsed proof, or MalformedProof.
export function parseLiabilitiesProof(proof) {
	if (proof === null || typeof proof !== 'object' || Array.isArray(proof))
		throw new MalformedProof('a liabilities proof must be a JSON object');
	for (const key of Object.keys(proof))
		if (!VERIFIED.includes(key) && !INFORMATIVE.includes(key)) throw new MalformedProof(`unknown member "${key}"`);
	for (const key of VERIFIED)
		if (key !== 'leaf' && !(key in proof)) throw new MalformedProof(`liabilities proof has no "${key}"`);
	const p = {
		account: hexBytes(proof.account, 'account', 20),
		balance: u256(proof.balance, 'balance'),
		salt: hexBytes(proof.salt, 'salt', 32),
		leaf: 'leaf' in proof ? hexBytes(proof.leaf, 'leaf', 32) : null,
		index: count(proof.index, 'index'),
		leafCount: count(proof.leaf_count, 'leaf_count'),
		root: hexBytes(proof.root, 'root', 32),
		total: u256(proof.total, 'total'),
	};
	if (p.leafCount === 0 || p.index >= p.leafCount)
		throw new MalformedProof(`index ${p.index} is not below leaf_count ${p.leafCount}`);
	if (!Array.isArray(proof.path)) throw new MalformedProof('"path" must be an array');
	if (proof.path.length !== depth(p.leafCount))
		throw new MalformedProof(`the path of ${p.leafCount} leaves must have ${depth(p.leafCount)} levels, not ${proof.path.length}`);
	p.path = proof.path.map((step, i) => {
		if (step === null || typeof step !== 'object' || Array.isArray(step) || Object.keys(step).length !== 2)
			throw new MalformedProof(`path[${i}] must have exactly hash and sum`);
		return { hash: hexBytes(step.hash, `path[${i}].hash`, 32), sum: u256(step.sum, `path[${i}].sum`) };
	});
	return p;
}

// true when the leaf and the path recompute to the proof's root and total.
export function verifyLiabilitiesProof(proof, keccak256) {
	const p = parseLiabilitiesProof(proof);
	let hash = keccak256(concat(LEAF_TAG, p.account, be32(p.balance), p.salt));
	let sum = p.balance;
	if (p.leaf && !equal(hash, p.leaf)) return false;
	for (let i = 0; i < p.path.length; i++) {
		const sibling = p.path[i];
		const right = Math.floor(p.index / 2 ** i) % 2 === 1;
		const [l, r] = right ? [sibling, { hash, sum }] : [{ hash, sum }, sibling];
		if (l.sum + r.sum > U256_MAX) return false;
		hash = keccak256(concat(NODE_TAG, l.hash, be32(l.sum), r.hash, be32(r.sum)));
		sum = l.sum + r.sum;
	}
	return equal(hash, p.root) && sum === p.total;
}

async function main(argv) {
	const { readFileSync } = await import('node:fs');
	const { keccak_256 } = await import('@noble/hashes/sha3.js');
	if (argv.length !== 1 && argv.length !== 3) {
		console.error('usage: node liabilities_verify.mjs proof.json [root total]');
		return 2;
	}
	try {
		const proof = JSON.parse(readFileSync(argv[0], 'utf8'));
		let ok = verifyLiabilitiesProof(proof, keccak_256);
		if (ok && argv.length === 3)
			ok = proof.root.toLowerCase() === argv[1].toLowerCase() && u256(proof.total, 'total') === u256(argv[2], 'published total');
		console.log(ok ? 'valid' : 'INVALID');
		return ok ? 0 : 1;
	} catch (err) {
		console.error(`malformed proof: ${err.message}`);
		return 2;
	}
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = await main(process.argv.slice(2));
