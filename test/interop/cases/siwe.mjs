// Sign-In with Ethereum (EIP-4361): random messages built by viem's
// createSiweMessage (every optional field present or not: scheme,
// statement, expiration time, not before, request id, resources; chain
// ids up to 2^53 - 1; ports, paths, queries) and signed by ethers
// Wallet.signMessage or a viem account.  siwe_parse must give the fields
// viem's parseSiweMessage gives, and siwe_verify the signer, at a time
// inside the message's validity; at a time outside it, with another domain
// or nonce, or a signature by another key, the refusal's SQLSTATE.
import { Wallet } from 'ethers';
import { privateKeyToAccount } from 'viem/accounts';
import { createSiweMessage, parseSiweMessage, generateSiweNonce } from 'viem/siwe';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { hex } from '../lib/rng.mjs';

export const name = 'siwe';
export const requires = ['siwe_parse', 'siwe_verify'];

const DOMAINS = ['example.com', 'login.example.org:8443', 'localhost:3000', 'sub.domain.example.co.uk', '127.0.0.1'];
const STATEMENTS = ['I accept the Terms of Service: https://example.com/tos', 'Sign in', 'a b c 1 2 3 ! $ & ( ) * + , ; = : / ? # [ ] @'];
const RESOURCES = ['ipfs://bafybeiemxf5abjwjbikoz4mc3a3dla6ual3jsgpdr4cjr3oz3evfyavhwq/', 'https://example.com/my-web2-claim.json', 'ceramic://kjzl6cwe1jw1/x?y=1#z'];

// An instant between 2000 and 2100, whole milliseconds (what JavaScript dates hold).
function randomDate(rng) {
	return new Date(946684800000 + rng.int(3155760000) * 1000 + rng.int(1000));
}

// The fields of siwe_parse's composite in viem's names, as JSON text with
// the keys in a fixed order and absent fields left out.
function expectedFields(p) {
	const o = {};
	for (const [k, v] of [['scheme', p.scheme], ['domain', p.domain], ['address', p.address], ['statement', p.statement],
		['uri', p.uri], ['version', p.version], ['chainId', p.chainId], ['nonce', p.nonce],
		['issuedAt', p.issuedAt && p.issuedAt.toISOString()], ['expirationTime', p.expirationTime && p.expirationTime.toISOString()],
		['notBefore', p.notBefore && p.notBefore.toISOString()], ['requestId', p.requestId], ['resources', p.resources]])
		if (v !== undefined) o[k] = v;
	return JSON.stringify(o);
}

export const FIELDS_SQL = `(SELECT json_strip_nulls(json_build_object(
    'scheme', m.scheme, 'domain', m.domain, 'address', m.address::text, 'statement', m.statement,
    'uri', m.uri, 'version', m.version, 'chainId', m.chain_id, 'nonce', m.nonce,
    'issuedAt', to_char(m.issued_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'expirationTime', to_char(m.expiration_time AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'notBefore', to_char(m.not_before AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'requestId', m.request_id, 'resources', m.resources))::text FROM siwe_parse(a1) AS m)`;

export async function run(h, rng, scale) {
	const parses = [], verifies = [], refusals = [];
	for (let i = 0; i < 60 * scale; i++) {
		const sk = secp256k1.utils.randomSecretKey(rng.bytes(48));
		const wallet = new Wallet('0x' + hex(sk));
		const account = privateKeyToAccount('0x' + hex(sk));
		const domain = rng.pick(DOMAINS);
		const issuedAt = randomDate(rng);
		const fields = {
			address: wallet.address,
			chainId: rng.chance(0.5) ? 1 : rng.range(2, 2 ** 31) * (rng.chance(0.2) ? 2 ** 21 : 1),
			domain,
			nonce: generateSiweNonce(),
			uri: `https://${domain}/${rng.chance(0.5) ? 'login?next=%2Fhome' : ''}`,
			version: '1',
			issuedAt,
		};
		if (rng.chance(0.3)) fields.scheme = 'https';
		if (rng.chance(0.7)) fields.statement = rng.pick(STATEMENTS);
		if (rng.chance(0.5)) fields.expirationTime = new Date(issuedAt.getTime() + 1 + rng.int(86400000));
		if (rng.chance(0.4)) fields.notBefore = new Date(issuedAt.getTime() + rng.int(3600000));
		if (rng.chance(0.3)) fields.requestId = `req-${rng.int(1e9)}`;
		if (rng.chance(0.4)) fields.resources = RESOURCES.slice(0, 1 + rng.int(RESOURCES.length));
		const message = createSiweMessage(fields);
		const signature = i % 2 ? await wallet.signMessage(message) : await account.signMessage({ message });
		const parsed = parseSiweMessage(message);
		const show = { signer: i % 2 ? 'ethers' : 'viem', message, signature };

		parses.push({ args: [message], expect: expectedFields(parsed), show });
		// inside the validity: at not before (or issued at), the signer
		const at = (fields.notBefore ?? issuedAt).toISOString();
		const inside = fields.expirationTime && fields.expirationTime.getTime() <= new Date(at).getTime() ? null : at;
		const sig = signature.slice(2);
		if (inside !== null)
			verifies.push({ args: [message, sig, domain, fields.nonce, inside], expect: wallet.address, show });
		refusals.push({ args: [message, sig, 'evil.example', fields.nonce, at], error: 'CD070', show });
		refusals.push({ args: [message, sig, domain, generateSiweNonce(), at], error: 'CD071', show });
		if (fields.expirationTime)
			refusals.push({ args: [message, sig, domain, fields.nonce, fields.expirationTime.toISOString()], error: 'CD072', show });
		if (fields.notBefore) {
			// expiry is checked first: a message whose not-before follows its expiry is expired then too
			const early = fields.notBefore.getTime() - 1;
			const expired = fields.expirationTime && fields.expirationTime.getTime() <= early;
			refusals.push({ args: [message, sig, domain, fields.nonce, new Date(early).toISOString()], error: expired ? 'CD072' : 'CD073', show });
		}
		if (inside !== null) {
			const stranger = new Wallet('0x' + hex(secp256k1.utils.randomSecretKey(rng.bytes(48))));
			refusals.push({ args: [message, (await stranger.signMessage(message)).slice(2), domain, fields.nonce, inside], error: 'CD074', show });
		}
	}
	await h.check('siwe/siwe_parse = viem parseSiweMessage', FIELDS_SQL, parses);
	await h.check('siwe/siwe_verify', `siwe_verify(a1, decode(a2, 'hex'), a3, a4, a5::timestamptz)`, verifies);
	await h.check('siwe/siwe_verify refusals', `siwe_verify(a1, decode(a2, 'hex'), a3, a4, a5::timestamptz)`, refusals);
}
