// Precomputed EIP-712 signatures for the orders and approvals regress
// tests, isolation specs and demos (SQL has no signing function).
//
//   cd test/interop && node gen_signatures.mjs orders      # sql/orders_execute.sql
//   node gen_signatures.mjs approvals                      # sql/approvals_change.sql
//   node gen_signatures.mjs system-accounts                # sql/ledger_system_accounts.sql
//   node gen_signatures.mjs spec-orders                    # specs/orders_replay_race.spec
//   node gen_signatures.mjs spec-approvals                 # specs/approvals_race.spec
//   node gen_signatures.mjs demo-orders | demo-approvals   # demo/70_*.sql, demo/75_*.sql
//   node gen_signatures.mjs checkpoints                    # sql/solvency_checkpoints.sql
//   node gen_signatures.mjs attribution-governed           # sql/attribution_governed.sql
//   node gen_signatures.mjs docs-attribution               # docs/attribution.md
//
// Output is SQL: INSERT statements into a table the test creates,
//   signed(name text, typed_data jsonb, signature bytea)   orders, cancels
//   approvals(name text, proposal_id bigint, signature bytea)   Approve
// The keys are fixed (keccak256 of a label), ECDSA signatures are
// deterministic (RFC 6979), so the output is the same on every run.  The
// Approve values (proposal id, asset, change, expiry) must match what the
// test proposes; the change hash is keccak256 of the change as PostgreSQL
// prints jsonb.
import { Wallet, TypedDataEncoder, id, keccak256, toUtf8Bytes, concat, getBytes } from 'ethers';
import { StandardMerkleTree } from '@openzeppelin/merkle-tree';

export const DOMAIN = {
	name: 'creative_defi', version: '1', chainId: '1',
	verifyingContract: '0x00000000000000000000000000000000c0ffee00',
};
export const TYPES = {
	Buy: [['address', 'signer'], ['string', 'asset'], ['uint256', 'amount'], ['uint256', 'maxCost'], ['uint256', 'nonce'], ['uint256', 'deadline']],
	Sell: [['address', 'signer'], ['string', 'asset'], ['uint256', 'amount'], ['uint256', 'minProceeds'], ['uint256', 'nonce'], ['uint256', 'deadline']],
	Transfer: [['address', 'signer'], ['address', 'to'], ['string', 'asset'], ['uint256', 'amount'], ['uint256', 'nonce'], ['uint256', 'deadline']],
	Withdraw: [['address', 'signer'], ['address', 'recipient'], ['string', 'asset'], ['uint256', 'amount'], ['uint256', 'nonce'], ['uint256', 'deadline']],
	Cancel: [['address', 'signer'], ['uint256', 'nonce']],
	Approve: [['uint256', 'proposalId'], ['string', 'asset'], ['bytes32', 'changeHash'], ['uint256', 'expiry']],
	Checkpoint: [['uint256', 'sequence'], ['bytes32', 'journalHead'], ['string', 'asset'], ['bytes32', 'liabilitiesRoot'],
		['uint256', 'total'], ['bytes32', 'claimsRoot']],
};
// provenance_types() of the database (docs/provenance.md)
export const PROVENANCE_TYPES = {
	Provenance: [['string', 'work'], ['bytes32', 'contentHash'], ['address', 'generator'], ['Source[]', 'sources']],
	Source: [['string', 'asset'], ['uint256', 'weightBps']],
};
export const DOMAIN_TYPE = [['string', 'name'], ['string', 'version'], ['uint256', 'chainId'], ['address', 'verifyingContract']];
const fields = l => l.map(([type, name]) => ({ name, type }));

export const wallet = label => new Wallet(id(`creative_defi test key ${label}`));
const W = Object.fromEntries(['alice', 'bob', 'carol', 'dave', 'erin', 'frank'].map(n => [n, wallet(n)]));
const addr = n => W[n].address.toLowerCase();

// The typed data JSON as a client submits it (eth_signTypedData_v4 form).
export function typedData(primaryType, message, domain = DOMAIN) {
	return { types: { EIP712Domain: fields(DOMAIN_TYPE), [primaryType]: fields(TYPES[primaryType]) }, primaryType, domain, message };
}
export async function sign(label, primaryType, message, domain = DOMAIN) {
	return W[label].signTypedData(domain, { [primaryType]: fields(TYPES[primaryType]) }, message);
}
const q = s => `'${s.replace(/'/g, "''")}'`;

// Isolation specs end an SQL block at the first '}', so there the JSON
// goes as hex (HEX_JSON is set for the spec-* sets).
let HEX_JSON = false;
function jsonLiteral(v) {
	const text = JSON.stringify(v);
	return HEX_JSON ? `convert_from(decode('${Buffer.from(text).toString('hex')}', 'hex'), 'UTF8')::jsonb` : q(text);
}
async function order(name, label, primaryType, message, domain = DOMAIN) {
	const sig = await sign(label, primaryType, message, domain);
	return `  (${q(name)}, ${jsonLiteral(typedData(primaryType, message, domain))}, ${q('\\x' + sig.slice(2))})`;
}
async function approve(name, label, proposalId, asset, change, expiry) {
	const message = { proposalId: String(proposalId), asset, changeHash: keccak256(toUtf8Bytes(change)), expiry: String(expiry) };
	const sig = await sign(label, 'Approve', message);
	return `  (${q(name)}, ${proposalId}, ${q('\\x' + sig.slice(2))})`;
}
// link_approval_typed_data's types: ApproveLink and ApproveLinkChange
// name the terms, ApproveUnlink only the link
const LINK_TYPES = {
	ApproveLink: [['uint256', 'proposalId'], ['string', 'child'], ['string', 'parent'], ['string', 'policy'],
		['uint256', 'licenseBps'], ['uint256', 'expiry']],
	ApproveUnlink: [['uint256', 'proposalId'], ['string', 'child'], ['string', 'parent'], ['uint256', 'expiry']],
};
LINK_TYPES.ApproveLinkChange = LINK_TYPES.ApproveLink;
// rows (name, proposal_id, signature) of carol, dave and erin for each
// [proposalId, type, child, parent, policy, licenseBps]; name is who || id
async function linkApprovals(proposals) {
	const rows = [];
	for (const [pid, type, child, parent, policy, licenseBps] of proposals) {
		const message = { proposalId: String(pid), child, parent, expiry: String(EXPIRY) };
		if (type !== 'ApproveUnlink')
			Object.assign(message, { policy, licenseBps: String(licenseBps) });
		for (const who of ['carol', 'dave', 'erin']) {
			const sig = await W[who].signTypedData(DOMAIN, { [type]: fields(LINK_TYPES[type]) }, message);
			rows.push(`  (${q(who + pid)}, ${pid}, ${q('\\x' + sig.slice(2))})`);
		}
	}
	return rows;
}
// contributors_approval_typed_data's type, and rows (name, proposal_id,
// signature) of each signer for each proposal {id: [[address, weight]]}
// of asset; name is who || id.  The weights hash is computed here as
// docs/attribution.md defines it: address || decimal weight || newline,
// in address order.
const APPROVE_CONTRIBUTORS = [['uint256', 'proposalId'], ['string', 'asset'], ['uint256', 'contributors'],
	['string', 'totalWeight'], ['bytes32', 'weightsHash'], ['uint256', 'expiry']];
async function contributorsApprovals(asset, tables, signers) {
	const rows = [];
	for (const [pid, table] of Object.entries(tables)) {
		const sorted = [...table].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		const weightsHash = keccak256(concat(sorted.map(([a, w]) => concat([getBytes(a), toUtf8Bytes(w.toString()), '0x0a']))));
		const message = { proposalId: pid, asset, contributors: String(sorted.length),
			totalWeight: sorted.reduce((t, [, w]) => t + w, 0n).toString(), weightsHash, expiry: String(EXPIRY) };
		for (const who of signers) {
			const sig = await W[who].signTypedData(DOMAIN, { ApproveContributors: fields(APPROVE_CONTRIBUTORS) }, message);
			rows.push(`  (${q(who + pid)}, ${pid}, ${q('\\x' + sig.slice(2))})`);
		}
	}
	return rows;
}
function emit(table, rows) {
	console.log(`INSERT INTO ${table} VALUES\n${rows.join(',\n')};`);
}

const ETH = 'eip155:1/slip44:60';
const SONG = 'eip155:1/erc721:0x06012c8cf97bead5deae237070f9587f8e7a266d/771769';
const DEMO_SONG = 'eip155:1/erc721:0x06012c8cf97bead5deae237070f9587f8e7a266d/2026';
const CHECKPOINT_ASSET = 'eip155:1/erc20:0x000000000000000000000000000000000000c4e1';
const FAR = '4102444800';   // 2100-01-01T00:00:00Z
const EXPIRY = 4102444800;  // proposals in the tests expire 2100-01-01

const sets = {
	async orders() {
		const a = addr('alice'), b = addr('bob');
		emit('signed', [
			await order('buy1', 'alice', 'Buy', { signer: a, asset: SONG, amount: '3', maxCost: '500', nonce: '1', deadline: FAR }),
			await order('buy1_other', 'alice', 'Buy', { signer: a, asset: SONG, amount: '4', maxCost: '500', nonce: '1', deadline: FAR }),
			await order('sell2', 'alice', 'Sell', { signer: a, asset: SONG, amount: '1', minProceeds: '100', nonce: '2', deadline: FAR }),
			await order('transfer3', 'alice', 'Transfer', { signer: a, to: b, asset: SONG, amount: '1', nonce: '3', deadline: FAR }),
			await order('withdraw4', 'alice', 'Withdraw', { signer: a, recipient: b, asset: ETH, amount: '25', nonce: '4', deadline: FAR }),
			await order('buy_numbers', 'alice', 'Buy', { signer: a, asset: SONG, amount: 1, maxCost: 200, nonce: 5, deadline: 4102444800 }),
			await order('expired', 'alice', 'Buy', { signer: a, asset: SONG, amount: '1', maxCost: '500', nonce: '6', deadline: '1000000000' }),
			await order('slippage', 'alice', 'Buy', { signer: a, asset: SONG, amount: '2', maxCost: '10', nonce: '7', deadline: FAR }),
			await order('by_bob_for_alice', 'bob', 'Buy', { signer: a, asset: SONG, amount: '1', maxCost: '500', nonce: '8', deadline: FAR }),
			await order('chain5', 'alice', 'Buy', { signer: a, asset: SONG, amount: '1', maxCost: '500', nonce: '9', deadline: FAR }, { ...DOMAIN, chainId: '5' }),
			await order('other_contract', 'alice', 'Buy', { signer: a, asset: SONG, amount: '1', maxCost: '500', nonce: '9', deadline: FAR }, { ...DOMAIN, verifyingContract: '0x00000000000000000000000000000000c0ffee01' }),
			await order('cancel10', 'alice', 'Cancel', { signer: a, nonce: '10' }),
			await order('buy10', 'alice', 'Buy', { signer: a, asset: SONG, amount: '1', maxCost: '500', nonce: '10', deadline: FAR }),
			await order('cancel1', 'alice', 'Cancel', { signer: a, nonce: '1' }),
			await order('bob_cancel11_for_alice', 'bob', 'Cancel', { signer: a, nonce: '11' }),
			await order('transfer_unknown', 'alice', 'Transfer', { signer: a, to: b, asset: ETH, amount: '999999', nonce: '12', deadline: FAR }),
			await order('bad_asset', 'alice', 'Buy', { signer: a, asset: 'eip155:1/erc721:0x06012c8cf97bead5deae237070f9587f8e7a266', amount: '1', maxCost: '500', nonce: '13', deadline: FAR }),
		]);
	},
	async approvals() {
		const a = addr('alice');
		// proposals 1..: see sql/approvals_change.sql for what each one is
		const split = `{"split": "${W.carol.address}=50%, ${W.dave.address}=50%"}`;
		const p = [
			[1, '{"curve": "linear(base=55, slope=20)"}'],
			[2, '{"paused": true}'],
			[3, '{"paused": false}'],
			[4, '{"curve": "linear(base=10, slope=30)"}'],
			[5, '{"royalty_bps": 6000}'],
			[6, '{"royalty_bps": 100}'],
			[7, '{"royalty_bps": 200}'],
			[8, '{"curve": "linear(base=10, slope=20)"}'],
			[9, split],
		];
		const rows = [];
		for (const [pid, change] of p)
			for (const who of ['carol', 'dave', 'erin', 'frank'])
				rows.push(await approve(`${who}${pid}`, who, pid, SONG, change, EXPIRY));
		emit('approvals', rows);
		emit('signed', [
			await order('paused_buy', 'alice', 'Buy', { signer: a, asset: SONG, amount: '1', maxCost: '1000', nonce: '1', deadline: FAR }),
		]);
	},
	async 'system-accounts'() {
		// sql/ledger_system_accounts.sql: proposal 1 pays the account of the
		// ETH/USDC pool, which pool_create makes a system account before
		// the approval
		const change = '{"split": "0xE781209246E9E1ebeD42DeF57225389a0ed6a710=100%"}';
		emit('approvals', [await approve('carol1', 'carol', 1, SONG, change, EXPIRY)]);
	},
	async 'spec-orders'() {
		const a = addr('alice');
		emit('signed', [
			await order('buy1', 'alice', 'Buy', { signer: a, asset: SONG, amount: '2', maxCost: '1000', nonce: '1', deadline: FAR }),
			await order('buy1_other', 'alice', 'Buy', { signer: a, asset: SONG, amount: '5', maxCost: '1000', nonce: '1', deadline: FAR }),
		]);
	},
	async 'spec-approvals'() {
		const rows = [];
		for (const who of ['carol', 'dave', 'erin'])
			rows.push(await approve(who, who, 1, SONG, '{"royalty_bps": 500}', EXPIRY));
		emit('approvals', rows);
	},
	async 'demo-orders'() {
		const a = addr('alice');
		emit('signed', [
			await order('alice_buys', 'alice', 'Buy', { signer: a, asset: DEMO_SONG, amount: '5', maxCost: '1200', nonce: '1', deadline: FAR }),
		]);
	},
	async 'demo-approvals'() {
		const rows = [];
		for (const who of ['carol', 'dave'])
			rows.push(await approve(who, who, 1, DEMO_SONG, '{"curve": "linear(base=55, slope=20)"}', EXPIRY));
		emit('approvals', rows);
	},
	// bench/orders.sh: BENCH_ORDERS Buy orders from 64 wallets over 100
	// assets, as tab-separated lines (id, typed data, signature hex).
	async bench() {
		const n = Number(process.env.BENCH_ORDERS || '4000');
		const wallets = Array.from({ length: 64 }, (_, i) => wallet(`bench ${i}`));
		const out = [];
		for (let i = 1; i <= n; i++) {
			const w = wallets[i % 64];
			const message = { signer: w.address.toLowerCase(), asset: `eip155:8453/erc1155:0x${'2000'.padStart(40, '0')}/${1 + (i % 100)}`,
				amount: '1', maxCost: '1000000000000000000', nonce: String(i), deadline: FAR };
			// the same signature signTypedData gives, without its async overhead
			const sig = w.signingKey.sign(TypedDataEncoder.hash(DOMAIN, { Buy: fields(TYPES.Buy) }, message)).serialized;
			out.push(`${i}\t${JSON.stringify(typedData('Buy', message))}\t\\\\x${sig.slice(2)}`);
		}
		process.stdout.write(out.join('\n') + '\n');
	},
	// sql/solvency_checkpoints.sql: two snapshots the test inserts (ids
	// 900001 and 900002, the same three leaves), as
	// checkpoint_sigs(name, snapshot_id, signature); alice, bob and carol
	// are the auditors, frank is not one
	async checkpoints() {
		const leaves = [['0x000000000000000000000000000000000000c0a1', '700'],
			['0x000000000000000000000000000000000000c0a2', '250'],
			['0x000000000000000000000000000000000000c0a3', '50']];
		const claimsRoot = StandardMerkleTree.of(leaves, ['address', 'uint256']).root;
		const snapshots = {
			900001: { sequence: '7', journalHead: keccak256(toUtf8Bytes('head 7')), asset: CHECKPOINT_ASSET,
				liabilitiesRoot: keccak256(toUtf8Bytes('root 900001')), total: '1000', claimsRoot },
			900002: { sequence: '9', journalHead: keccak256(toUtf8Bytes('head 9')), asset: CHECKPOINT_ASSET,
				liabilitiesRoot: keccak256(toUtf8Bytes('root 900002')), total: '1000', claimsRoot },
		};
		for (const [sid, m] of Object.entries(snapshots))
			console.log(`-- snapshot ${sid}: journal_head ${m.journalHead}, root ${m.liabilitiesRoot}, claims root ${claimsRoot},`
				+ ` EIP-712 hash ${TypedDataEncoder.hash(DOMAIN, { Checkpoint: fields(TYPES.Checkpoint) }, m)}`);
		const rows = [];
		for (const [name, who, sid] of [['alice1', 'alice', 900001], ['bob1', 'bob', 900001], ['carol1', 'carol', 900001],
			['frank1', 'frank', 900001], ['alice2', 'alice', 900002]])
			rows.push(`  (${q(name)}, ${sid}, ${q('\\x' + (await sign(who, 'Checkpoint', snapshots[sid])).slice(2))})`);
		emit('checkpoint_sigs', rows);
	},
	// sql/provenance.sql: ApproveLink signatures of link proposal 1 and
	// Provenance records signed by their generator (erin) or not (frank)
	async provenance() {
		const W1 = 'eip155:1/erc721:0x00000000000000000000000000000000000001b1/10';
		const B = 'eip155:1/erc721:0x00000000000000000000000000000000000001b1/2';
		const approveLink = [['uint256', 'proposalId'], ['string', 'child'], ['string', 'parent'], ['string', 'policy'],
			['uint256', 'licenseBps'], ['uint256', 'expiry']];
		const link = { proposalId: '1', child: W1, parent: B, policy: 'absolute', licenseBps: '300', expiry: String(EXPIRY) };
		const rows = [];
		for (const who of ['carol', 'dave', 'frank']) {
			const sig = await W[who].signTypedData(DOMAIN, { ApproveLink: fields(approveLink) }, link);
			rows.push(`  (${q(who)}, 1, ${q('\\x' + sig.slice(2))})`);
		}
		emit('approvals', rows);
		const types = { Provenance: fields(PROVENANCE_TYPES.Provenance), Source: fields(PROVENANCE_TYPES.Source) };
		const sources = [{ asset: 'eip155:1/erc721:0x00000000000000000000000000000000000001b1/3', weightBps: '1500' },
			{ asset: 'eip155:1/erc721:0x00000000000000000000000000000000000001b1/4', weightBps: '500' }];
		const content = keccak256(toUtf8Bytes('a generated image'));
		const records = [];
		for (const [name, who, work] of [['gen', 'erin', 20], ['gen_by_frank', 'frank', 20], ['gen_again', 'erin', 21]]) {
			const message = { work: `eip155:1/erc721:0x00000000000000000000000000000000000001b1/${work}`, contentHash: content,
				generator: addr('erin'), sources };
			const sig = await W[who].signTypedData(DOMAIN, types, message);
			records.push(`  (${q(name)}, ${q('\\x' + sig.slice(2))})`);
		}
		emit('records', records);
	},
	// sql/provenance_link_changes.sql (proposals 101 and 102: the test
	// restarts the ids) and specs/lineage_approval_race.spec (proposals
	// 1..3): ApproveLink, ApproveLinkChange and ApproveUnlink signatures of
	// carol, dave and erin (docs/provenance.md)
	async 'link-changes'() {
		const W1 = 'eip155:1/erc721:0x00000000000000000000000000000000000001c1/';
		emit('approvals', await linkApprovals([
			[101, 'ApproveLinkChange', W1 + '3', W1 + '2', 'relative', 2500],
			[102, 'ApproveUnlink', W1 + '3', W1 + '2'],
		]));
	},
	async 'spec-link-changes'() {
		const W1 = 'eip155:1/erc721:0x00000000000000000000000000000000000001a1/';
		emit('public.link_signed', await linkApprovals([
			[1, 'ApproveLink', W1 + '3', W1 + '1', 'absolute', 500],
			[2, 'ApproveUnlink', W1 + '3', W1 + '2'],
			[3, 'ApproveLinkChange', W1 + '3', W1 + '2', 'relative', 2000],
		]));
	},
	// sql/attribution_governed.sql: ApproveContributors signatures of
	// carol, dave, erin and frank (not an approver) for proposals 1 and 2
	async 'attribution-governed'() {
		const c = n => '0x' + n.toString(16).padStart(40, '0');
		emit('approvals', await contributorsApprovals('eip155:1/erc721:0x00000000000000000000000000000000000001d6/1', {
			1: [[c(0xc3), 5n], [c(0xc1), 2n], [c(0xc2), 2n ** 256n + 7n]],
			2: [[c(0xc4), 1n]],
		}, ['carol', 'dave', 'erin', 'frank']));
	},
	// docs/attribution.md "Governed data sets": carol's signature of proposal 1
	async 'docs-attribution'() {
		const c = n => '0x' + n.toString(16).padStart(40, '0');
		emit('approvals', await contributorsApprovals('eip155:1/erc721:0x00000000000000000000000000000000000001d5/3', {
			1: [[c(0xc1), 1n], [c(0xc4), 3n]],
		}, ['carol']));
	},
	async keys() {
		for (const [n, w] of Object.entries(W)) console.log(`-- ${n} ${w.address.toLowerCase()}`);
	},
};

if (import.meta.url === `file://${process.argv[1]}`) {
	const set = sets[process.argv[2]];
	if (!set) { console.error(`usage: node gen_signatures.mjs ${Object.keys(sets).join('|')}`); process.exit(2); }
	HEX_JSON = process.argv[2].startsWith('spec-');
	if (process.argv[2] !== 'bench') console.log(`-- generated by: cd test/interop && node gen_signatures.mjs ${process.argv[2]}`);
	await set();
}
