// Liabilities snapshots of random ledgers (docs/solvency.md): 1 to 70
// random holders of a fresh asset each round, with balances from 1 to
// 2^200.  Claim roots and proofs equal @openzeppelin/merkle-tree's
// StandardMerkleTree.of([[account, balance], ...], ['address', 'uint256'])
// (root, and getProof of every holder); every holder's liabilities proof
// is valid for the standalone verifier (verifier/liabilities_verify.mjs,
// with @noble/hashes' Keccak) and for liabilities_verify; a tampered
// proof is invalid for both; a malformed one is refused by both (the
// database with the SQLSTATE the verifier's reason names).
import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { verifyLiabilitiesProof, MalformedProof } from '../../../verifier/liabilities_verify.mjs';
import { hex } from '../lib/rng.mjs';

export const name = 'solvency';
export const requires = ['liabilities_snapshot', 'liabilities_proof', 'liabilities_verify', 'claims_root', 'claims_proof'];

const U256_MAX = (1n << 256n) - 1n;

// The standalone verifier's verdict as the database would print it.
function jsVerdict(proof) {
	try {
		return String(verifyLiabilitiesProof(proof, keccak_256));
	} catch (err) {
		if (err instanceof MalformedProof) return 'malformed';
		throw err;
	}
}

// A changed copy of a proof, and the SQLSTATE the database raises for it
// (null: well-formed, so only the verdict changes).
function tamper(rng, proof) {
	const t = structuredClone(proof);
	const flipHex = x => x.slice(0, 2) + x.slice(2).replace(/^./, c => (parseInt(c, 16) ^ 1).toString(16));
	switch (rng.int(10)) {
	case 0: t.balance = String(BigInt(t.balance) + 1n); return [t, null, 'balance + 1'];
	case 1: t.salt = flipHex(t.salt); return [t, null, 'salt'];
	case 2: if (!t.path.length) return [t, null, 'unchanged'];
		{ const k = rng.int(t.path.length); t.path[k].hash = flipHex(t.path[k].hash); }
		return [t, null, 'sibling hash'];
	case 3: if (!t.path.length) return [t, null, 'unchanged'];
		{ const s = t.path[rng.int(t.path.length)]; s.sum = String(BigInt(s.sum) > 0n ? BigInt(s.sum) - 1n : 1n); }
		return [t, null, 'sibling sum'];
	case 4: t.total = String(BigInt(t.total) + 1n); return [t, null, 'total'];
	case 5: t.balance = String(U256_MAX + 1n); return [t, '22003', 'balance above 2^256 - 1'];
	case 6: t.balance = '-' + t.balance; return [t, '22003', 'negative balance'];
	case 7: t.salt = t.salt.slice(0, -2); return [t, '22023', 'short salt'];
	case 8: t.root = '0x' + 'zz' + t.root.slice(4); return [t, '22P02', 'non-hex root'];
	default: t.path = [...t.path, { hash: '0x' + '00'.repeat(32), sum: '0' }]; return [t, '22023', 'path too long'];
	}
}

export async function run(h, rng, scale) {
	const c = h.client;
	const roots = [], claims = [], verdicts = [];
	const rounds = 6 * scale;
	for (let round = 0; round < rounds; round++) {
		const asset = `eip155:1/erc20:0x${hex(rng.bytes(20))}`;
		const n = round === 0 ? 1 : rng.range(2, 70);
		const holders = new Map();
		for (let i = 0; i < n; i++) {
			const account = `0x${hex(rng.bytes(20))}`;
			const amount = 1n + rng.below(1n << BigInt(rng.pick([8, 64, 128, 200])));
			holders.set(account, amount);
			await c.query('SELECT deposit($1, $2, $3, $4)', [account, asset, amount.toString(), `interop-solvency-${round}-${i}-${asset}`]);
		}
		const { rows: [snap] } = await c.query(
			'SELECT snapshot_id::text AS id, root, total::text AS total, leaf_count FROM liabilities_snapshot($1, $2)',
			[asset, `interop-solvency-${round}-${asset}`]);
		const total = [...holders.values()].reduce((a, b) => a + b, 0n);
		if (snap.total !== total.toString() || Number(snap.leaf_count) !== holders.size)
			h.fail(name, `snapshot of ${holders.size} holders totalling ${total}`, snap);

		const values = [...holders].map(([a, v]) => [a, v.toString()]);
		const tree = StandardMerkleTree.of(values, ['address', 'uint256']);
		roots.push({ args: [snap.id], expect: tree.root.slice(2), show: { values } });
		for (const [account, amount] of holders) {
			const proof = tree.getProof([account, amount.toString()]);
			claims.push({ args: [snap.id, account], expect: '[' + proof.map(p => `"${p}"`).join(', ') + ']',
				show: { values, account } });

			const { rows: [{ p }] } = await c.query('SELECT liabilities_proof($1, $2) AS p', [snap.id, account]);
			if (jsVerdict(p) !== 'true') h.fail(name, 'the standalone verifier refuses a proof from the database', p);
			else h.passed++;
			verdicts.push({ args: [JSON.stringify(p)], expect: 'true', show: { how: 'as served' } });
			const [t, sqlstate, how] = tamper(rng, p);
			const js = jsVerdict(t);
			if ((sqlstate !== null) !== (js === 'malformed'))
				h.fail(name, `the standalone verifier says ${js} for a proof with ${how}`, t);
			if (sqlstate) verdicts.push({ args: [JSON.stringify(t)], error: sqlstate, show: { how, proof: t } });
			else verdicts.push({ args: [JSON.stringify(t)], expect: js, show: { how, proof: t } });
		}
	}
	await h.check('claims_root', `encode(claims_root(a1::bigint), 'hex')`, roots);
	await h.check('claims_proof', `(claims_proof(a1::bigint, a2::eth_address)->'proof')`, claims);
	await h.check('liabilities_verify', `liabilities_verify(a1::jsonb)`, verdicts);
	const { rows: [{ ok }] } = await c.query(`SELECT ok FROM ledger_verify() WHERE "check" = 'liabilities'`);
	if (!ok) h.fail(name, 'ledger_verify() check liabilities is not ok after the snapshots');
}
