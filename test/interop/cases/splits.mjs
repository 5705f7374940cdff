// royalty_split against 0xSplits SplitMain v1: split_hash equals ethers'
// solidityPackedKeccak256(['address[]', 'uint32[]', 'uint32'], [accounts,
// percentAllocations, distributorFee]) (SplitMain._hashSplit's
// abi.encodePacked, accounts in ascending order as SplitMain requires),
// and split_distribute_0xsplits equals a BigInt port of _distributeETH's
// arithmetic (lib/solidity.mjs) on random splits of 1 to 500 recipients
// (given in random order), random fees and amounts up to 2^256 - 1.
// SplitMain multiplies amount * percentage without an overflow check (in
// assembly); where that product would wrap modulo 2^256, the database
// refuses the amount (22003) instead of wrapping, as its documentation says.
import { solidityPackedKeccak256 } from 'ethers';
import { hex } from '../lib/rng.mjs';
import { splitMainDistribute } from '../lib/solidity.mjs';

export const name = 'splits';
export const requires = ['split_hash', 'split_distribute_0xsplits'];

const SCALE = 1000000;
const MAX = (1n << 256n) - 1n;

// n distinct positive allocations summing to 1e6.
function allocations(rng, n) {
	if (n === 1) return [SCALE];
	const cuts = new Set();
	while (cuts.size < n - 1) cuts.add(rng.range(1, SCALE - 1));
	const points = [0, ...[...cuts].sort((a, b) => a - b), SCALE];
	return points.slice(1).map((p, i) => p - points[i]);
}

function randomSplit(rng) {
	const n = rng.pick([1, 2, 2, 3, 5, rng.range(2, 20), rng.range(2, 100), rng.range(400, 500), 500]);
	const addrs = new Set();
	while (addrs.size < n) addrs.add('0x' + hex(rng.bytes(20)));
	const accounts = [...addrs].sort();
	const shares = allocations(rng, n);
	const fee = rng.chance(0.4) ? 0 : rng.pick([1, 100, 10000, 100000, rng.range(1, 100000)]);
	return { accounts, shares, fee };
}

// The split's jsonb form with the recipients in random order.
function splitJson(rng, sp) {
	const rec = sp.accounts.map((a, i) => ({ address: a, share: sp.shares[i] }));
	return JSON.stringify({ recipients: rng.shuffle(rec), distributor_fee: sp.fee });
}

function randomAmount(rng) {
	switch (rng.int(6)) {
	case 0: return BigInt(rng.int(1000));
	case 1: return 10n ** 18n * BigInt(rng.range(1, 1000));
	case 2: return MAX;
	case 3: return rng.bits(rng.range(230, 256)); // where SplitMain's product can wrap
	default: return rng.bits(rng.range(1, 230));
	}
}

// Rows as the database's query below prints them: recipient=amount
// sorted by lower-case recipient then amount, the dust last as dust=N.
function rowsText(rows) {
	return rows.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : (x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0)))
		.map(([r, a]) => `${r}=${a}`).join(',');
}

export async function run(h, rng, scale) {
	const hashes = [], dists = [], wraps = [];
	for (let i = 0; i < 120 * scale; i++) {
		const sp = randomSplit(rng);
		const json = splitJson(rng, sp);
		const expectHash = solidityPackedKeccak256(['address[]', 'uint32[]', 'uint32'], [sp.accounts, sp.shares, sp.fee]);
		hashes.push({ args: [json], expect: expectHash.slice(2), show: { split: json } });

		for (let k = 0; k < 3; k++) {
			const amount = randomAmount(rng);
			const distributor = sp.fee === 0 && rng.chance(0.5) ? null : '0x' + hex(rng.bytes(20));
			const fee = BigInt(sp.fee), shares = sp.shares.map(BigInt);
			const wrapped = splitMainDistribute(amount, shares, fee, true);
			const exact = splitMainDistribute(amount, shares, fee, false);
			const wouldWrap = exact.fee !== wrapped.fee || exact.shares.some((s, j) => s !== wrapped.shares[j]);
			const show = { split: json, amount, distributor };
			if (wouldWrap) {
				wraps.push({ args: [json, amount.toString(), distributor], error: '22003', show: { ...show, note: 'SplitMain\'s unchecked multiplication wraps here' } });
				continue;
			}
			const rows = sp.accounts.map((a, j) => [a, wrapped.shares[j]]);
			if (fee !== 0n) rows.push([distributor, wrapped.fee]);
			const paid = rows.reduce((s, r) => s + r[1], 0n);
			const text = rowsText(rows) + `,dust=${amount - paid}`;
			dists.push({ args: [json, amount.toString(), distributor], expect: text, show });
		}
	}
	const q = `(SELECT string_agg(coalesce(lower(d.recipient::text), 'dust') || '=' || d.amount, ',' ORDER BY d.recipient IS NULL, lower(d.recipient::text) COLLATE "C", d.amount)
		FROM split_distribute_0xsplits(a1::jsonb::royalty_split, a2::numeric, a3::eth_address) AS d)`;
	await h.check('split_hash', `encode(split_hash(a1::jsonb::royalty_split), 'hex')`, hashes);
	await h.check('split_distribute_0xsplits', q, dists);
	await h.check('split_distribute_0xsplits/would-wrap', q, wraps);
}
