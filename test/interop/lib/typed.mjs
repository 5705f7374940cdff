// Random EIP-712 typed data for the interop suite.
//
// A run makes random struct types (1 to 4 structs, nested, every struct
// reachable from the primary type, no cycles: ethers and viem refuse
// recursive types), fields of every atomic type (uint8..uint256,
// int8..int256, address, bool, bytes1..bytes32), dynamic bytes and
// string, struct references, and arrays of any of them, fixed or dynamic,
// up to three dimensions.  Values sit at the boundaries of their types
// (0, 1, max, min, -1, 2^(n-1)) or anywhere in range, and integers are
// written in the JSON as numbers, decimal strings or 0x-hex strings.
//
// A value is kept once, in a neutral form (Int wrappers for integers), and
// rendered three ways: the JSON text the database receives, the objects
// the libraries take (BigInt integers), and back after a tamper.
import { getAddress } from 'ethers';
import { hex, randomText } from './rng.mjs';

// An integer value and how the JSON writes it: 'num' (JSON number, of any
// size: jsonb keeps it exactly), 'dec' (decimal string), 'hex' ("0x0c",
// negative "-0x0c") or 'HEX' ("0X0C").
export class Int {
	constructor(v, repr) { this.v = v; this.repr = repr; }
}

const DOMAIN_FIELDS = [
	['name', 'string'], ['version', 'string'], ['chainId', 'uint256'],
	['verifyingContract', 'address'], ['salt', 'bytes32'],
];

function ident(rng, first, rest, maxLen) {
	let s = rng.pick(first);
	const n = rng.int(maxLen);
	for (let i = 0; i < n; i++) s += rng.pick(rest);
	return s;
}
const UPPER = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'];
const LOWER = [...'abcdefghijklmnopqrstuvwxyz'];
const ALNUM = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_'];

function atomicType(rng) {
	switch (rng.int(8)) {
	case 0: case 1: return `uint${8 * rng.range(1, 32)}`;
	case 2: case 3: return `int${8 * rng.range(1, 32)}`;
	case 4: return 'address';
	case 5: return 'bool';
	case 6: return `bytes${rng.range(1, 32)}`;
	default: return rng.pick(['bytes', 'string']);
	}
}

// Wrap a type in 0 to 3 array dimensions, fixed [1..3] or dynamic [].
function arrayWrap(rng, t) {
	let dims = rng.chance(0.6) ? 0 : rng.range(1, 3);
	while (dims-- > 0) t += rng.chance(0.5) ? '[]' : `[${rng.range(1, 3)}]`;
	return t;
}

// Split 'T[2][]' into the element type 'T[2]' and the outer dimension
// (null for dynamic); null if not an array.
export function outerArray(t) {
	const m = /^(.*)\[(\d*)\]$/.exec(t);
	if (!m) return null;
	return { inner: m[1], size: m[2] === '' ? null : Number(m[2]) };
}

// Largest number of leaves a value of type t can have (dynamic arrays at 3).
function maxLeaves(types, t) {
	const a = outerArray(t);
	if (a) return (a.size ?? 3) * maxLeaves(types, a.inner);
	if (types[t]) return types[t].reduce((n, f) => n + maxLeaves(types, f.type), 0);
	return 1;
}

// Random struct types; returns { types (with EIP712Domain), primaryType }.
export function randomTypes(rng, domainKeys) {
	for (;;) {
		const k = rng.range(1, 4);
		const names = new Set();
		while (names.size < k) {
			const n = ident(rng, UPPER, ALNUM, 8);
			if (n !== 'EIP712Domain') names.add(n);
		}
		const structNames = [...names];
		const fields = structNames.map(() => []);
		const fieldNames = structNames.map(() => new Set());
		const addField = (j, type) => {
			let n;
			do { n = ident(rng, LOWER, ALNUM, 7); } while (fieldNames[j].has(n));
			fieldNames[j].add(n);
			fields[j].push({ name: n, type });
		};
		// Every struct after the first is referenced by an earlier one, so
		// all are reachable from structNames[0] and there are no cycles.
		for (let j = 1; j < k; j++) addField(rng.int(j), arrayWrap(rng, structNames[j]));
		for (let j = 0; j < k; j++) {
			const n = rng.range(fields[j].length ? 0 : 1, 6);
			for (let f = 0; f < n; f++) {
				const ref = j + 1 < k && rng.chance(0.15) ? structNames[rng.range(j + 1, k - 1)] : atomicType(rng);
				addField(j, arrayWrap(rng, ref));
			}
			rng.shuffle(fields[j]);
		}
		const types = { EIP712Domain: DOMAIN_FIELDS.filter(([n]) => domainKeys.includes(n)).map(([name, type]) => ({ name, type })) };
		structNames.forEach((n, j) => { types[n] = fields[j]; });
		if (maxLeaves(types, structNames[0]) <= 300) return { types, primaryType: structNames[0] };
	}
}

function randomInt(rng, signed, bits) {
	const B = BigInt(bits);
	let v;
	if (!signed) {
		const max = (1n << B) - 1n;
		v = rng.pick([0n, 1n, max, max - 1n, 1n << (B - 1n), rng.bits(bits), rng.bits(rng.range(1, bits))]);
		if (v < 0n) v = 0n;
	} else {
		const max = (1n << (B - 1n)) - 1n, min = -(1n << (B - 1n));
		v = rng.pick([0n, 1n, -1n, max, min, min + 1n, rng.bits(bits - 1), -rng.bits(bits - 1), -rng.bits(rng.range(1, bits - 1))]);
	}
	return new Int(v, rng.pick(['num', 'dec', 'hex', 'HEX']));
}

function randomAddress(rng) {
	const a = '0x' + hex(rng.bytes(20));
	return rng.chance(0.5) ? a : getAddress(a);
}

// A random value of type t.
export function randomValue(rng, types, t) {
	const a = outerArray(t);
	if (a) {
		const n = a.size ?? rng.int(4);
		return Array.from({ length: n }, () => randomValue(rng, types, a.inner));
	}
	if (types[t]) {
		const o = {};
		for (const f of types[t]) o[f.name] = randomValue(rng, types, f.type);
		return o;
	}
	let m;
	if ((m = /^(u?)int(\d+)$/.exec(t))) return randomInt(rng, m[1] !== 'u', Number(m[2]));
	if (t === 'address') return randomAddress(rng);
	if (t === 'bool') return rng.chance(0.5);
	if ((m = /^bytes(\d+)$/.exec(t))) return '0x' + hex(rng.bytes(Number(m[1])));
	if (t === 'bytes') return '0x' + hex(rng.bytes(rng.pick([0, 1, 20, 32, 33, rng.int(80)])));
	if (t === 'string') return randomText(rng, rng.pick([0, 1, rng.int(12), rng.int(70)]), 'mixed');
	throw new Error(`unknown type ${t}`);
}

export function randomDomain(rng) {
	const keys = DOMAIN_FIELDS.map(([n]) => n).filter(() => rng.chance(0.6));
	const d = {};
	for (const k of keys) {
		switch (k) {
		case 'name': d.name = randomText(rng, rng.int(20), 'mixed'); break;
		case 'version': d.version = String(rng.range(0, 9)) + (rng.chance(0.5) ? '.' + rng.range(0, 99) : ''); break;
		case 'chainId': d.chainId = new Int(rng.pick([1n, 5n, 137n, 8453n, 11155111n, rng.bits(rng.range(1, 256))]), rng.pick(['num', 'dec', 'hex', 'HEX'])); break;
		case 'verifyingContract': d.verifyingContract = randomAddress(rng); break;
		default: d.salt = '0x' + hex(rng.bytes(32));
		}
	}
	return { domain: d, keys };
}

// The value as the libraries take it: BigInt integers, the rest as is.
export function toLib(v) {
	if (v instanceof Int) return v.v;
	if (Array.isArray(v)) return v.map(toLib);
	if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toLib(x)]));
	return v;
}

// The value as JSON text, integers written as their repr says.
export function toJson(v) {
	if (v instanceof Int) {
		if (v.repr === 'num') return v.v.toString();
		const sign = v.v < 0n ? '-' : '', mag = v.v < 0n ? -v.v : v.v;
		if (v.repr === 'hex') return JSON.stringify(sign + '0x' + mag.toString(16));
		if (v.repr === 'HEX') return JSON.stringify(sign + '0X' + mag.toString(16).toUpperCase());
		return JSON.stringify(v.v.toString());
	}
	if (Array.isArray(v)) return '[' + v.map(toJson).join(',') + ']';
	if (v && typeof v === 'object') return '{' + Object.entries(v).map(([k, x]) => JSON.stringify(k) + ':' + toJson(x)).join(',') + '}';
	return JSON.stringify(v);
}

// Every leaf of a value of type t: { get, set, type, path }.
function leaves(types, t, holder, key, path, out) {
	const v = holder[key];
	const a = outerArray(t);
	if (a) { v.forEach((_, i) => leaves(types, a.inner, v, i, `${path}[${i}]`, out)); return out; }
	if (types[t]) { for (const f of types[t]) leaves(types, f.type, v, f.name, `${path}.${f.name}`, out); return out; }
	out.push({ holder, key, type: t, path });
	return out;
}

// A changed copy of the leaf value x of type t, still valid for t.
function changed(rng, t, x) {
	let m;
	if ((m = /^(u?)int(\d+)$/.exec(t))) {
		const bits = BigInt(m[2]);
		const mod = 1n << bits;
		let u = x.v < 0n ? x.v + mod : x.v;
		u ^= 1n << BigInt(rng.int(Number(bits)));
		const signed = m[1] !== 'u';
		const v = signed && u >= mod >> 1n ? u - mod : u;
		return new Int(v, x.repr);
	}
	if (t === 'bool') return !x;
	if (t === 'string') return x + rng.pick(['x', 'é', '🎨']);
	if (t === 'address' || /^bytes/.test(t)) {
		const b = Buffer.from(x.slice(2), 'hex');
		if (b.length === 0) return '0x00';
		b[rng.int(b.length)] ^= 1 << rng.int(8);
		return t === 'address' ? '0x' + b.toString('hex') : '0x' + b.toString('hex');
	}
	throw new Error(`cannot change ${t}`);
}

// Change one random leaf of the message (or of the domain when the
// message has no leaves); returns the path changed.
export function tamper(rng, td) {
	const all = leaves(td.types, td.primaryType, { m: td.message }, 'm', 'message', []);
	for (const [name, type] of DOMAIN_FIELDS)
		if (name in td.domain) all.push({ holder: td.domain, key: name, type, path: `domain.${name}` });
	if (all.length === 0) return null;
	const leaf = rng.pick(all);
	leaf.holder[leaf.key] = changed(rng, leaf.type, leaf.holder[leaf.key]);
	return leaf.path;
}

export function clone(v) {
	if (v instanceof Int) return new Int(v.v, v.repr);
	if (Array.isArray(v)) return v.map(clone);
	if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, clone(x)]));
	return v;
}

// Random typed data: { types, primaryType, domain, message }.
export function randomTypedData(rng) {
	const { domain, keys } = randomDomain(rng);
	const { types, primaryType } = randomTypes(rng, keys);
	const message = randomValue(rng, types, primaryType);
	return { types, primaryType, domain, message };
}

// The JSON text a wallet would hand over (eth_signTypedData_v4's argument).
export function typedDataJson(td) {
	return '{"types":' + JSON.stringify(td.types) + ',"primaryType":' + JSON.stringify(td.primaryType) +
		',"domain":' + toJson(td.domain) + ',"message":' + toJson(td.message) + '}';
}
