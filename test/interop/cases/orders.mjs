// Signed orders: random wallets sign random Buy, Sell, Transfer and
// Withdraw orders and Cancel messages with ethers Wallet.signTypedData and
// viem account.signTypedData, exactly as a browser wallet is asked to
// (eth_signTypedData_v4: domain, types, primaryType, message), and the
// database executes them with execute_order / cancel_nonce:
//   - ethers TypedDataEncoder.hash and viem hashTypedData agree, and the
//     order_hash execute_order returns is that digest;
//   - each valid order executes once, as its signer; a replay returns the
//     original journal transaction;
//   - changing any one field after signing (each message field, each
//     domain field, the primary type, a bit of the signature) makes it
//     fail: CD022 (not the signer), CD021 (another domain), CD020 (type).
// viem's requests leave EIP712Domain out of types (as viem does); ethers'
// carry it.  Uses its own random chain id, contract and asset.
import { Wallet, TypedDataEncoder } from 'ethers';
import { privateKeyToAccount } from 'viem/accounts';
import { hashTypedData } from 'viem';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { hex, flipBit } from '../lib/rng.mjs';

export const name = 'orders';
export const requires = ['execute_order', 'cancel_nonce', 'set_order_domain', 'eip712_hash'];

const DOMAIN_TYPE = [
	{ name: 'name', type: 'string' }, { name: 'version', type: 'string' },
	{ name: 'chainId', type: 'uint256' }, { name: 'verifyingContract', type: 'address' }];
const TYPES = {
	Buy: [['signer', 'address'], ['asset', 'string'], ['amount', 'uint256'], ['maxCost', 'uint256'], ['nonce', 'uint256'], ['deadline', 'uint256']],
	Sell: [['signer', 'address'], ['asset', 'string'], ['amount', 'uint256'], ['minProceeds', 'uint256'], ['nonce', 'uint256'], ['deadline', 'uint256']],
	Transfer: [['signer', 'address'], ['to', 'address'], ['asset', 'string'], ['amount', 'uint256'], ['nonce', 'uint256'], ['deadline', 'uint256']],
	Withdraw: [['signer', 'address'], ['recipient', 'address'], ['asset', 'string'], ['amount', 'uint256'], ['nonce', 'uint256'], ['deadline', 'uint256']],
	Cancel: [['signer', 'address'], ['nonce', 'uint256']],
};
const fields = t => TYPES[t].map(([name, type]) => ({ name, type }));
const U256 = (1n << 256n) - 1n;
const addrOf = rng => '0x' + hex(rng.bytes(20));

// Sign as a wallet would; return the request JSON a dapp submits and the signature.
async function signOrder(lib, sk, domain, primaryType, message) {
	const types = { [primaryType]: fields(primaryType) };
	let sig;
	if (lib === 'ethers') {
		sig = await new Wallet('0x' + hex(sk)).signTypedData(domain, types, message);
	} else {
		sig = await privateKeyToAccount('0x' + hex(sk)).signTypedData({
			domain: { ...domain, chainId: BigInt(domain.chainId) }, types, primaryType,
			message: Object.fromEntries(Object.entries(message).map(([k, v]) =>
				[k, TYPES[primaryType].find(f => f[0] === k)[1] === 'uint256' ? BigInt(v) : v])),
		});
	}
	const json = {
		types: lib === 'ethers' ? { EIP712Domain: DOMAIN_TYPE, ...types } : types,
		primaryType, domain, message,
	};
	const digest = TypedDataEncoder.hash(domain, types, message);
	const viemDigest = hashTypedData({ domain: { ...domain, chainId: BigInt(domain.chainId) }, types, primaryType, message });
	return { json, sig, digest, agree: digest === viemDigest };
}

// Every single-field change of a signed request, with the SQLSTATE it must give.
function tamperings(rng, req, sig) {
	const out = [];
	const m = req.json.message;
	for (const [field, type] of TYPES[req.json.primaryType]) {
		let v;
		if (type === 'address') { do v = addrOf(rng); while (v === m[field]); }
		else if (type === 'string') v = m[field].replace(/(\d+)$/, n => String(BigInt(n) + 1n + rng.bits(16)));
		else { do v = String(rng.bigish(256)); while (v === m[field]); }
		if (v === m[field]) throw new Error(`tampering left message.${field} unchanged`);
		out.push({ how: `message.${field}`, json: { ...req.json, message: { ...m, [field]: v } }, sig, error: 'CD022' });
	}
	const d = req.json.domain;
	for (const [field, v] of [['name', d.name + 'x'], ['version', String(Number(d.version) + 1)],
		['chainId', String(BigInt(d.chainId) + 1n + rng.bits(20))], ['verifyingContract', addrOf(rng)]])
		out.push({ how: `domain.${field}`, json: { ...req.json, domain: { ...d, [field]: v } }, sig, error: 'CD021' });
	const other = rng.pick(['Buy', 'Sell', 'Transfer', 'Withdraw'].filter(t => t !== req.json.primaryType));
	out.push({ how: 'primaryType', json: { ...req.json, primaryType: other }, sig, error: 'CD020' });
	// a bit of r or s (v left alone: another v is a malformed signature, not a forgery)
	out.push({ how: 'signature', json: req.json, sig: '0x' + hex(flipBit(rng, Buffer.from(sig.slice(2), 'hex'), 0, 64)), error: 'CD022' });
	return out;
}

export async function run(h, rng, scale) {
	const chainId = String(1n + rng.bits(40));
	const domain = { name: 'creative_defi interop', version: String(rng.range(1, 9)), chainId, verifyingContract: addrOf(rng) };
	const currency = 'eip155:1/slip44:60';
	const song = `eip155:${chainId}/erc1155:${addrOf(rng)}/${rng.bits(64)}`;
	const c = h.client;
	await c.query('SELECT set_order_domain($1, $2, $3, $4)', [domain.name, domain.version, domain.chainId, domain.verifyingContract]);
	await c.query(`SELECT register_asset($1, $2, linear_curve(1000, 7), $3::royalty_split, $4, 300)`,
		[song, currency, `${addrOf(rng)}=70%, ${addrOf(rng)}=30%`, addrOf(rng)]);

	const n = 24 * scale;
	const deadline = () => String(BigInt(Math.floor(Date.now() / 1000) + 3600) + rng.below(U256 - BigInt(Date.now())));
	const first = [], second = [], tampered = [], all = [];
	for (let i = 0; i < n; i++) {
		const sk = secp256k1.utils.randomSecretKey(rng.bytes(48));
		const signer = new Wallet('0x' + hex(sk)).address;
		const lib = i % 2 ? 'viem' : 'ethers';
		const asSigned = rng.chance(0.5) ? signer : signer.toLowerCase();
		await c.query('SELECT deposit($1, $2, $3, $4)', [signer, currency, '1000000000000000000000', `interop-orders-fund-${i}-${song}`]);
		const used = new Set();
		const nonce = () => { let v; do v = String(rng.bigish(256)); while (used.has(v)); used.add(v); return v; };
		const buyAmount = String(rng.range(1, 5));
		const orders = [
			[first, 'Buy', { signer: asSigned, asset: song, amount: buyAmount, maxCost: '1000000000000000000000', nonce: nonce(), deadline: deadline() }],
			[first, rng.pick(['Transfer', 'Withdraw']), null],
			[second, 'Sell', { signer: asSigned, asset: song, amount: String(rng.range(1, Number(buyAmount))), minProceeds: '0', nonce: nonce(), deadline: deadline() }],
			[second, 'Cancel', { signer: asSigned, nonce: nonce() }],
		];
		const kind = orders[1][1];
		orders[1][2] = { signer: asSigned, [kind === 'Transfer' ? 'to' : 'recipient']: addrOf(rng), asset: currency,
			amount: String(rng.range(1, 1000000)), nonce: nonce(), deadline: deadline() };
		if (kind === 'Withdraw') orders[1][2] = { signer: asSigned, recipient: orders[1][2].recipient, asset: currency,
			amount: orders[1][2].amount, nonce: orders[1][2].nonce, deadline: orders[1][2].deadline };
		for (const [list, primaryType, message] of orders) {
			const req = await signOrder(lib, sk, domain, primaryType, message);
			const show = { lib, primaryType, message, signature: req.sig };
			if (!req.agree) { h.fail(name, 'ethers and viem disagree on the digest', show); continue; }
			const item = { req, show, signer, primaryType };
			list.push(item);
			all.push(item);
			if (primaryType !== 'Cancel')
				for (const t of tamperings(rng, req, req.sig)) tampered.push({ ...t, show: { ...show, tampered: t.how } });
		}
	}

	const EXEC = `(SELECT e.kind || ' ' || lower(e.signer::text) || ' ' || encode(e.order_hash, 'hex')
	                 FROM execute_order(a1::jsonb, decode(substr(a2, 3), 'hex')) e)`;
	const CANCEL = `(SELECT lower(c.signer::text) || ' ' || c.nonce FROM cancel_nonce(a1::jsonb, decode(substr(a2, 3), 'hex')) c)`;
	const expectExec = it => `${it.primaryType} ${it.signer.toLowerCase()} ${it.req.digest.slice(2)}`;
	// tampered requests first: none of them may execute
	await h.check(`${name} tampered`, EXEC, tampered.map(t => ({ args: [JSON.stringify(t.json), t.sig], expect: null, error: t.error, show: t.show })));
	for (const list of [first, second]) {
		await h.check(`${name} execute`, EXEC, list.filter(it => it.primaryType !== 'Cancel').map(it =>
			({ args: [JSON.stringify(it.req.json), it.req.sig], expect: expectExec(it), show: it.show })));
		await h.check(`${name} cancel`, CANCEL, list.filter(it => it.primaryType === 'Cancel').map(it =>
			({ args: [JSON.stringify(it.req.json), it.req.sig], expect: `${it.signer.toLowerCase()} ${BigInt(it.req.json.message.nonce)}`, show: it.show })));
	}
	// replays: the original journal transaction, nothing applied twice
	const before = (await c.query('SELECT count(*)::int AS n FROM ledger_transactions')).rows[0].n;
	await h.check(`${name} replay`,
		`(SELECT (e.txn_id = n.txn_id)::text FROM execute_order(a1::jsonb, decode(substr(a2, 3), 'hex')) e
		   JOIN order_nonces n ON n.order_hash = e.order_hash)`,
		all.filter(it => it.primaryType !== 'Cancel').map(it =>
			({ args: [JSON.stringify(it.req.json), it.req.sig], expect: 'true', show: it.show })));
	const after = (await c.query('SELECT count(*)::int AS n FROM ledger_transactions')).rows[0].n;
	if (after !== before) h.fail(name, `replays added ${after - before} journal transactions`);
	const verify = (await c.query('SELECT bool_and(ok) AS ok FROM ledger_verify()')).rows[0].ok;
	if (!verify) h.fail(name, 'ledger_verify() is not all ok after the signed orders');
}
