// Provenance records of generated works (docs/provenance.md): random
// generators sign random records (work, content hash, generator, sources
// with weights) with ethers Wallet.signTypedData and viem
// account.signTypedData, as a wallet is asked to (eth_signTypedData_v4
// with the nested Source[] type), and the database checks them:
//   - ethers TypedDataEncoder.hash, viem hashTypedData and
//     eip712_hash(provenance_typed_data(...)) agree;
//   - register_generated_work accepts each record, as its generator, and
//     stores the digest as record_hash;
//   - a record changed after signing (content hash, a weight, the order of
//     the sources, the generator) or signed by another key is refused with
//     CD097.
// Uses its own random domain, collection and source assets.
import { Wallet, TypedDataEncoder } from 'ethers';
import { privateKeyToAccount } from 'viem/accounts';
import { hashTypedData } from 'viem';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { hex } from '../lib/rng.mjs';

export const name = 'provenance';
export const requires = ['provenance_typed_data', 'register_generated_work', 'set_order_domain', 'eip712_hash'];

const TYPES = {
	Provenance: [{ name: 'work', type: 'string' }, { name: 'contentHash', type: 'bytes32' },
		{ name: 'generator', type: 'address' }, { name: 'sources', type: 'Source[]' }],
	Source: [{ name: 'asset', type: 'string' }, { name: 'weightBps', type: 'uint256' }],
};
const addrOf = rng => '0x' + hex(rng.bytes(20));

async function signRecord(lib, sk, domain, message) {
	if (lib === 'ethers') return new Wallet('0x' + hex(sk)).signTypedData(domain, TYPES, message);
	return privateKeyToAccount('0x' + hex(sk)).signTypedData({
		domain: { ...domain, chainId: BigInt(domain.chainId) }, types: TYPES, primaryType: 'Provenance',
		message: { ...message, sources: message.sources.map(s => ({ asset: s.asset, weightBps: BigInt(s.weightBps) })) },
	});
}

// The record as the SQL functions take it: sources with weight_bps.
const sqlSources = message => JSON.stringify(message.sources.map(s => ({ asset: s.asset, weight_bps: Number(s.weightBps) })));

export async function run(h, rng, scale) {
	const c = h.client;
	const domain = { name: 'creative_defi provenance', version: String(rng.range(1, 9)),
		chainId: String(1n + rng.bits(40)), verifyingContract: addrOf(rng) };
	await c.query('SELECT set_order_domain($1, $2, $3, $4)', [domain.name, domain.version, domain.chainId, domain.verifyingContract]);
	const collection = `eip155:${domain.chainId}/erc721:${addrOf(rng)}`;
	const currency = 'eip155:1/slip44:60';
	const sources = [];
	for (let i = 1; i <= 6; i++) {
		sources.push(`${collection}/${i}`);
		await c.query(`SELECT register_asset($1, $2, linear_curve(1000, 7), $3::royalty_split, $4)`,
			[sources[i - 1], currency, `${addrOf(rng)}=100%`, addrOf(rng)]);
	}

	const n = 16 * scale;
	const records = [], tampered = [];
	for (let i = 0; i < n; i++) {
		const sk = secp256k1.utils.randomSecretKey(rng.bytes(48));
		const generator = new Wallet('0x' + hex(sk)).address;
		const lib = i % 2 ? 'viem' : 'ethers';
		const picked = rng.shuffle([...sources]).slice(0, rng.range(1, 3));
		const message = {
			work: `${collection}/${1000 + i}${rng.bits(32)}`,
			contentHash: '0x' + hex(rng.bytes(32)),
			generator: rng.chance(0.5) ? generator : generator.toLowerCase(),
			sources: picked.map(asset => ({ asset, weightBps: String(rng.range(1, 3000)) })),
		};
		const sig = await signRecord(lib, sk, domain, message);
		const digest = TypedDataEncoder.hash(domain, TYPES, message);
		const viemDigest = hashTypedData({ domain: { ...domain, chainId: BigInt(domain.chainId) }, types: TYPES,
			primaryType: 'Provenance', message });
		const show = { lib, message, signature: sig };
		if (digest !== viemDigest) { h.fail(name, 'ethers and viem disagree on the digest', show); continue; }
		records.push({ message, sig, digest, generator, show });
		// each single change after signing: another content hash, weight,
		// source order, generator; and a signature by another key
		const changes = [
			['contentHash', { ...message, contentHash: '0x' + hex(rng.bytes(32)) }],
			['weight', { ...message, sources: message.sources.map((s, k) => k ? s : { ...s, weightBps: String(Number(s.weightBps) + 1) }) }],
			['generator', { ...message, generator: addrOf(rng) }],
		];
		if (message.sources.length > 1) changes.push(['order', { ...message, sources: [...message.sources].reverse() }]);
		for (const [how, m] of changes) tampered.push({ m, sig, show: { ...show, tampered: how } });
		const other = secp256k1.utils.randomSecretKey(rng.bytes(48));
		tampered.push({ m: message, sig: await signRecord(lib, other, domain, message), show: { ...show, tampered: 'signer' } });
	}

	const ARGS = `a1::asset, decode(substr(a2, 3), 'hex'), a3::eth_address, a4::jsonb`;
	await h.check(`${name} digest`, `encode(eip712_hash(provenance_typed_data(${ARGS})), 'hex')`,
		records.map(r => ({ args: [r.message.work, r.message.contentHash, r.message.generator, sqlSources(r.message)],
			expect: r.digest.slice(2), show: r.show })));
	// the function's rows are not visible to the statement that calls it,
	// so the stored record is read by a query of its own afterwards
	const REGISTER = `(SELECT CASE WHEN g.provenance_txn_id > g.txn_id THEN 'registered' END
	    FROM register_generated_work(a1::asset, '${currency}', linear_curve(1000, 7),
	         '0x00000000000000000000000000000000000000bb=100%', '0x00000000000000000000000000000000000000bb',
	         decode(substr(a2, 3), 'hex'), a3::eth_address, a4::jsonb, decode(substr(a5, 3), 'hex')) g)`;
	// tampered records first: none of them may register
	await h.check(`${name} tampered`, REGISTER, tampered.map(t => ({
		args: [t.m.work, t.m.contentHash, t.m.generator, sqlSources(t.m), t.sig], expect: null, error: 'CD097', show: t.show })));
	await h.check(`${name} register`, REGISTER, records.map(r => ({
		args: [r.message.work, r.message.contentHash, r.message.generator, sqlSources(r.message), r.sig],
		expect: 'registered', show: r.show })));
	await h.check(`${name} stored`,
		`(SELECT lower(p.generator::text) || ' ' || encode(p.record_hash, 'hex') FROM provenance_records p WHERE p.work = a1::asset)`,
		records.map(r => ({ args: [r.message.work], expect: `${r.generator.toLowerCase()} ${r.digest.slice(2)}`, show: r.show })));
	const verify = (await c.query('SELECT bool_and(ok) AS ok FROM ledger_verify()')).rows[0].ok;
	if (!verify) h.fail(name, 'ledger_verify() is not all ok after the provenance records');
}
