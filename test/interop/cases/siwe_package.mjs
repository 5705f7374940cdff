// Sign-In with Ethereum against the `siwe` package (spruceid/siwe, pinned
// in package.json): random messages built by its SiweMessage and by viem's
// createSiweMessage, signed by ethers and viem wallets.  siwe_parse must
// give the fields `new SiweMessage(text)` parses from each message (the two
// builders must also write the same text for the same fields), and
// siwe_verify the signer.
import { Wallet } from 'ethers';
import { SiweMessage } from 'siwe';
import { privateKeyToAccount } from 'viem/accounts';
import { createSiweMessage } from 'viem/siwe';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { hex } from '../lib/rng.mjs';
import { FIELDS_SQL } from './siwe.mjs';

export const name = 'siwe_package';
export const requires = ['siwe_parse', 'siwe_verify'];

const DOMAINS = ['example.com', 'login.example.org:8443', 'localhost:3000', 'app.example'];
const STATEMENTS = ['I accept the Terms of Service: https://example.com/tos', 'Sign in to the marketplace'];
const RESOURCES = ['ipfs://bafybeiemxf5abjwjbikoz4mc3a3dla6ual3jsgpdr4cjr3oz3evfyavhwq/', 'https://example.com/my-web2-claim.json'];

// siwe's parse in the JSON of FIELDS_SQL: keys in its order, absent fields left out
function siweFields(p) {
	const o = {};
	for (const k of ['scheme', 'domain', 'address', 'statement', 'uri', 'version', 'chainId', 'nonce', 'issuedAt',
		'expirationTime', 'notBefore', 'requestId', 'resources'])
		if (p[k] !== undefined && p[k] !== null) o[k] = k === 'chainId' ? Number(p[k]) : p[k];
	return JSON.stringify(o);
}

export async function run(h, rng, scale) {
	const parses = [], verifies = [];
	let sameText = 0, differentText = [];
	for (let i = 0; i < 40 * scale; i++) {
		const sk = secp256k1.utils.randomSecretKey(rng.bytes(48));
		const wallet = new Wallet('0x' + hex(sk));
		const account = privateKeyToAccount('0x' + hex(sk));
		const domain = rng.pick(DOMAINS);
		const issued = new Date(946684800000 + rng.int(3155760000) * 1000 + rng.int(1000));
		const fields = { domain, address: wallet.address, uri: `https://${domain}/login`, version: '1',
			chainId: rng.chance(0.5) ? 1 : rng.range(2, 2 ** 31), nonce: `n${hex(rng.bytes(8))}`, issuedAt: issued.toISOString() };
		if (rng.chance(0.7)) fields.statement = rng.pick(STATEMENTS);
		if (rng.chance(0.5)) fields.expirationTime = new Date(issued.getTime() + 1 + rng.int(86400000)).toISOString();
		if (rng.chance(0.4)) fields.notBefore = new Date(issued.getTime() + rng.int(3600000)).toISOString();
		if (rng.chance(0.3)) fields.requestId = `req-${rng.int(1e9)}`;
		if (rng.chance(0.4)) fields.resources = RESOURCES.slice(0, 1 + rng.int(RESOURCES.length));
		const bySiwe = new SiweMessage(fields).prepareMessage();
		const byViem = createSiweMessage({ ...fields, issuedAt: new Date(fields.issuedAt),
			expirationTime: fields.expirationTime && new Date(fields.expirationTime), notBefore: fields.notBefore && new Date(fields.notBefore) });
		if (bySiwe === byViem) sameText++; else differentText.push({ bySiwe, byViem });
		for (const [builder, message] of [['siwe', bySiwe], ['viem', byViem]]) {
			const signer = (i + (builder === 'viem')) % 2 ? 'ethers' : 'viem';
			const signature = signer === 'ethers' ? await wallet.signMessage(message) : await account.signMessage({ message });
			const show = { builder, signer, message, signature };
			parses.push({ args: [message], expect: siweFields(new SiweMessage(message)), show });
			const at = fields.notBefore ?? fields.issuedAt;
			if (!fields.expirationTime || new Date(fields.expirationTime).getTime() > new Date(at).getTime())
				verifies.push({ args: [message, signature.slice(2), domain, fields.nonce, at], expect: wallet.address, show });
		}
	}
	await h.check('siwe_package/siwe_parse = siwe SiweMessage parse', FIELDS_SQL, parses);
	await h.check('siwe_package/siwe_verify (messages by siwe and viem, signed by ethers and viem)',
		`siwe_verify(a1, decode(a2, 'hex'), a3, a4, a5::timestamptz)`, verifies);
	// the two builders write one text for the same fields
	await h.check('siwe_package/siwe and viem write the same message', `a1`,
		[{ args: [String(differentText.length)], expect: '0', show: differentText[0] ?? {} }]);
}
