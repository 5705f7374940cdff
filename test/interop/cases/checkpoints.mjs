// Signed checkpoints of liabilities snapshots (docs/solvency.md,
// "Checkpoints"): random ledgers and random auditor sets (3 to 5 keys,
// threshold 2 to N).  The Checkpoint typed data the database serves equals
// the one built here from the snapshot row and @openzeppelin/merkle-tree's
// claims root; ethers TypedDataEncoder.hash, viem hashTypedData and
// eip712_hash agree on its digest; auditors sign it with ethers
// Wallet.signTypedData and viem account.signTypedData alternately, and
// record_checkpoint counts each and reports the threshold reached at the
// M-th signature exactly.  A non-auditor's signature (CD065), a repeated
// one (CD066) and an auditor's signature of another snapshot (CD068) are
// refused; every signature checkpoint_json publishes recovers, with
// ethers verifyTypedData, to its auditor; and ledger_verify()'s checks of
// the claim trees and the checkpoint signatures hold after every round.
import { Wallet, TypedDataEncoder, verifyTypedData } from 'ethers';
import { privateKeyToAccount } from 'viem/accounts';
import { hashTypedData } from 'viem';
import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import { hex } from '../lib/rng.mjs';

export const name = 'checkpoints';
export const requires = ['checkpoint_typed_data', 'record_checkpoint', 'set_checkpoint_auditors', 'checkpoint_json'];

const CHECKPOINT = [
	{ name: 'sequence', type: 'uint256' }, { name: 'journalHead', type: 'bytes32' },
	{ name: 'asset', type: 'string' }, { name: 'liabilitiesRoot', type: 'bytes32' },
	{ name: 'total', type: 'uint256' }, { name: 'claimsRoot', type: 'bytes32' }];
const DOMAIN_TYPE = [
	{ name: 'name', type: 'string' }, { name: 'version', type: 'string' },
	{ name: 'chainId', type: 'uint256' }, { name: 'verifyingContract', type: 'address' }];

async function signWith(lib, sk, typed) {
	const types = { Checkpoint: CHECKPOINT };
	if (lib === 'ethers') return new Wallet('0x' + hex(sk)).signTypedData(typed.domain, types, typed.message);
	const m = typed.message;
	return privateKeyToAccount('0x' + hex(sk)).signTypedData({
		domain: { ...typed.domain, chainId: BigInt(typed.domain.chainId) }, types, primaryType: 'Checkpoint',
		message: { ...m, sequence: BigInt(m.sequence), total: BigInt(m.total) },
	});
}

// The SQLSTATE of a query, or null when it succeeds.
async function sqlstate(c, sql, args) {
	try { await c.query(sql, args); return null; } catch (err) { return err.code ?? String(err); }
}

export async function run(h, rng, scale) {
	const c = h.client;
	const domain = { name: 'creative_defi interop', version: '1', chainId: String(rng.range(1, 1 << 30)),
		verifyingContract: '0x' + hex(rng.bytes(20)) };
	await c.query('SELECT set_order_domain($1, $2, $3, $4)', [domain.name, domain.version, domain.chainId, domain.verifyingContract]);
	const RECORD = 'SELECT auditor::text, signatures, required, complete FROM record_checkpoint($1::bigint, $2::bytea)';
	const rounds = 3 * scale;
	let previous = null;   // a snapshot of the same asset signed in the previous round
	const asset = `eip155:1/erc20:0x${hex(rng.bytes(20))}`;
	for (let round = 0; round < rounds; round++) {
		// a ledger: a few holders of the asset, then a snapshot of it
		const holders = new Map();
		for (let i = 0, n = rng.range(1, 12); i < n; i++) {
			const account = `0x${hex(rng.bytes(20))}`;
			const amount = 1n + rng.below(1n << 128n);
			holders.set(account, amount);
			await c.query('SELECT deposit($1, $2, $3, $4)', [account, asset, amount.toString(), `interop-checkpoint-${round}-${i}-${asset}`]);
		}
		const { rows: [snap] } = await c.query(
			`SELECT snapshot_id::text AS id, seq::text AS seq, '0x' || encode(journal_head, 'hex') AS head,
			        '0x' || encode(root, 'hex') AS root, total::text AS total
			   FROM liabilities_snapshot($1, $2)`, [asset, `interop-checkpoint-${round}-${asset}`]);
		// every holder's balance at the snapshot: the deposits of all rounds so far
		const { rows: leaves } = await c.query(
			'SELECT account::text AS a, balance::text AS b FROM liabilities_leaves WHERE snapshot_id = $1', [snap.id]);
		const tree = StandardMerkleTree.of(leaves.map(l => [l.a, l.b]), ['address', 'uint256']);

		// the auditors: N keys, threshold M
		const keys = Array.from({ length: rng.range(3, 5) }, () => rng.bytes(32));
		const auditors = keys.map(k => new Wallet('0x' + hex(k)).address.toLowerCase());
		const threshold = rng.range(2, keys.length);
		await c.query('SELECT set_checkpoint_auditors($1::eth_address[], $2)', [auditors, threshold]);

		// the typed data: the database's equals ours
		const { rows: [{ td, dbhash }] } = await c.query(
			`SELECT checkpoint_typed_data($1::bigint) AS td, '0x' || encode(eip712_hash(checkpoint_typed_data($1::bigint)), 'hex') AS dbhash`, [snap.id]);
		const expected = {
			types: { EIP712Domain: DOMAIN_TYPE, Checkpoint: CHECKPOINT }, primaryType: 'Checkpoint', domain,
			message: { sequence: snap.seq, journalHead: snap.head, asset, liabilitiesRoot: snap.root, total: snap.total,
				claimsRoot: tree.root },
		};
		// eth_address prints addresses in their EIP-55 checksummed form
		const tdLower = { ...td, domain: { ...td.domain, verifyingContract: td.domain.verifyingContract.toLowerCase() } };
		if (JSON.stringify(sortKeys(tdLower)) !== JSON.stringify(sortKeys(expected))) h.fail(name, 'checkpoint_typed_data differs from the one built from the snapshot', { td, expected });
		else h.passed++;
		const ethersHash = TypedDataEncoder.hash(domain, { Checkpoint: CHECKPOINT }, expected.message);
		const viemHash = hashTypedData({ domain: { ...domain, chainId: BigInt(domain.chainId) }, types: { Checkpoint: CHECKPOINT },
			primaryType: 'Checkpoint', message: { ...expected.message, sequence: BigInt(snap.seq), total: BigInt(snap.total) } });
		if (ethersHash !== dbhash || viemHash !== dbhash) h.fail(name, 'Checkpoint digests differ', { ethersHash, viemHash, dbhash });
		else h.passed++;

		// the auditors sign, in a random order, ethers and viem alternately
		const order = rng.shuffle([...keys.keys()]);
		const sigs = [];
		for (const [k, i] of order.entries()) {
			const lib = k % 2 === 0 ? 'ethers' : 'viem';
			const sig = await signWith(lib, keys[i], td);
			sigs.push(sig);
			const { rows: [r] } = await c.query(RECORD, [snap.id, '\\x' + sig.slice(2)]);
			r.auditor = r.auditor.toLowerCase();
			const want = { auditor: auditors[i], signatures: k + 1, required: threshold, complete: k + 1 >= threshold };
			if (JSON.stringify(r) !== JSON.stringify(want)) h.fail(name, `record_checkpoint of a ${lib} signature`, { got: r, want });
			else h.passed++;
		}
		// refusals
		const outsider = await signWith(rng.pick(['ethers', 'viem']), rng.bytes(32), td);
		const refusals = [['a non-auditor', outsider, 'CD065'], ['a repeated signature', rng.pick(sigs), 'CD066']];
		if (previous) refusals.push(['an auditor\'s signature of the previous snapshot',
			await signWith('ethers', keys[0], previous), 'CD068']);
		for (const [how, sig, code] of refusals) {
			const got = await sqlstate(c, RECORD, [snap.id, '\\x' + sig.slice(2)]);
			if (got !== code) h.fail(name, `record_checkpoint of ${how}: ${got}, not ${code}`);
			else h.passed++;
		}
		// what is published verifies with ethers alone
		const { rows: [{ pub }] } = await c.query('SELECT checkpoint_json($1::bigint) AS pub', [snap.id]);
		const recovered = pub.signatures.map(s => verifyTypedData(pub.typed_data.domain, { Checkpoint: CHECKPOINT },
			pub.typed_data.message, s.signature).toLowerCase() === s.auditor.toLowerCase());
		if (pub.signatures.length !== keys.length || !recovered.every(Boolean) || pub.hash !== dbhash || pub.complete !== true)
			h.fail(name, 'checkpoint_json publishes signatures that do not recover to their auditors', pub);
		else h.passed++;
		// ledger_verify() holds every stored signature to its snapshot, domain
		// and auditor set, and every completion to its threshold (the sets of
		// the earlier rounds still stand behind their signatures)
		const { rows: checks } = await c.query(
			`SELECT "check", ok, detail FROM ledger_verify() WHERE "check" IN ('claims', 'checkpoint_signatures', 'checkpoint_thresholds')`);
		if (checks.length !== 3 || !checks.every(r => r.ok)) h.fail(name, 'ledger_verify() refuses the stored checkpoints', checks);
		else h.passed++;
		previous = td;
	}
}

function sortKeys(v) {
	if (Array.isArray(v)) return v.map(sortKeys);
	if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map(k => [k, sortKeys(v[k])]));
	return v;
}
