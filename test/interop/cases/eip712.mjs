// EIP-712 against ethers, viem and @metamask/eth-sig-util: random typed
// data (lib/typed.mjs: nested structs, arrays fixed and dynamic up to three
// dimensions, every atomic type at its boundaries) signed by ethers
// Wallet.signTypedData, viem account.signTypedData and eth-sig-util
// signTypedData V4 in turn.  The three libraries must agree on the digest;
// then eip712_hash must equal it, eip712_recover return the signer (65-byte
// and EIP-2098 compact signatures) and eip712_verify be true;
// eip712_domain_separator and eip712_hash_struct must equal ethers'
// TypedDataEncoder.hashDomain and hashStruct.  One tampered copy per case
// (a changed message or domain field, or a tampered signature) must give
// the libraries' new digest and exactly the address OpenZeppelin's
// tryRecover rules give (so eip712_verify false).  A copy with a struct
// member missing or null must hash as eth-sig-util V4 says (32 zero bytes).
import { Wallet, TypedDataEncoder, Signature } from 'ethers';
import { privateKeyToAccount } from 'viem/accounts';
import { hashTypedData } from 'viem';
import { signTypedData, TypedDataUtils, SignTypedDataVersion } from '@metamask/eth-sig-util';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { hex } from '../lib/rng.mjs';
import { ozTryRecover, tamperSignature } from '../lib/ecdsa.mjs';
import { randomTypedData, typedDataJson, toLib, toJson, tamper, clone } from '../lib/typed.mjs';

export const name = 'eip712';
export const requires = ['eip712_hash', 'eip712_recover', 'eip712_verify', 'eip712_domain_separator', 'eip712_hash_struct'];

const SIGNERS = ['ethers', 'viem', 'eth-sig-util'];

// ethers takes the struct types without EIP712Domain (it derives the
// domain type from the domain object, in the canonical field order).
function ethersTypes(types) {
	const t = { ...types };
	delete t.EIP712Domain;
	return t;
}

// The digest, if ethers, viem and eth-sig-util agree on it; else null.
function digestOf(h, td) {
	const domain = toLib(td.domain), message = toLib(td.message);
	const a = TypedDataEncoder.hash(domain, ethersTypes(td.types), message);
	const b = hashTypedData({ domain, types: td.types, primaryType: td.primaryType, message });
	const c = '0x' + hex(TypedDataUtils.eip712Hash({ ...td, domain, message }, SignTypedDataVersion.V4));
	if (a !== b || a !== c) {
		h.fail(name, 'ethers, viem and eth-sig-util disagree on the digest', { typedData: typedDataJson(td), ethers: a, viem: b, ethSigUtil: c });
		return null;
	}
	return a;
}

async function signWith(lib, sk, td) {
	const domain = toLib(td.domain), message = toLib(td.message);
	switch (lib) {
	case 'ethers': return new Wallet('0x' + hex(sk)).signTypedData(domain, ethersTypes(td.types), message);
	case 'viem': return privateKeyToAccount('0x' + hex(sk)).signTypedData({ domain, types: td.types, primaryType: td.primaryType, message });
	default: return signTypedData({ privateKey: Buffer.from(sk), data: { ...td, domain, message }, version: SignTypedDataVersion.V4 });
	}
}

export async function run(h, rng, scale) {
	const hashes = [], recovers = [], verifies = [], domains = [], domains1 = [], structs = [];
	for (let i = 0; i < 150 * scale; i++) {
		const td = randomTypedData(rng);
		const json = typedDataJson(td);
		const digest = digestOf(h, td);
		if (digest === null) continue;
		const sk = secp256k1.utils.randomSecretKey(rng.bytes(48));
		const addr = new Wallet('0x' + hex(sk)).address;
		const lib = SIGNERS[i % 3];
		let sigHex;
		try {
			sigHex = await signWith(lib, sk, td);
		} catch (err) {
			h.fail(name, `${lib} could not sign: ${err.message}`, { typedData: json });
			continue;
		}
		const sig = Buffer.from(sigHex.slice(2), 'hex');
		const digestBytes = Buffer.from(digest.slice(2), 'hex');
		if (ozTryRecover(digestBytes, sig) !== addr) {
			h.fail(name, `${lib}'s signature does not recover its signer in JavaScript`, { typedData: json, sigHex });
			continue;
		}
		const show = { signer: lib, address: addr, signature: sigHex, typedData: json };
		hashes.push({ args: [json], expect: digest.slice(2), show });
		const compactSig = Signature.from(sigHex).compactSerialized.slice(2);
		recovers.push({ args: [json, hex(sig)], expect: addr, show });
		recovers.push({ args: [json, compactSig], expect: addr, show: { ...show, form: 'EIP-2098 compact' } });
		verifies.push({ args: [addr, json, hex(sig)], expect: 'true', show });

		const domain = toLib(td.domain);
		const sep = TypedDataEncoder.hashDomain(domain).slice(2);
		domains.push({ args: [toJson(td.domain), JSON.stringify(td.types)], expect: sep, show: { domain: toJson(td.domain), types: td.types } });
		// One argument: the domain type inferred from the fields, as ethers does.
		domains1.push({ args: [toJson(td.domain)], expect: sep, show: { domain: toJson(td.domain) } });

		// MetaMask's V4 rule: a missing (or null) struct member encodes as 32
		// zero bytes; eth-sig-util's digest is the reference (ethers and viem
		// refuse such data).
		const structField = td.types[td.primaryType].find(f => td.types[f.type]);
		if (structField) {
			const t3 = { ...td, message: clone(td.message) };
			if (rng.chance(0.5)) delete t3.message[structField.name]; else t3.message[structField.name] = null;
			const d3 = '0x' + hex(TypedDataUtils.eip712Hash({ ...t3, domain, message: toLib(t3.message) }, SignTypedDataVersion.V4));
			hashes.push({ args: [typedDataJson(t3)], expect: d3.slice(2), show: { ...show, v4NullStruct: `message.${structField.name}`, typedData: typedDataJson(t3) } });
		}
		structs.push({ args: [JSON.stringify(td.types), td.primaryType, toJson(td.message)],
			expect: TypedDataEncoder.hashStruct(td.primaryType, ethersTypes(td.types), toLib(td.message)).slice(2),
			show: { types: td.types, primaryType: td.primaryType, message: toJson(td.message) } });

		if (rng.chance(0.5)) {
			// A changed field: the digest changes, the signature recovers
			// some other address (or none).
			const t2 = { ...td, domain: clone(td.domain), message: clone(td.message) };
			const path = tamper(rng, t2);
			if (path === null) continue;
			const d2 = digestOf(h, t2);
			if (d2 === null) continue;
			const json2 = typedDataJson(t2);
			const other = ozTryRecover(Buffer.from(d2.slice(2), 'hex'), sig);
			const show2 = { ...show, tampered: path, typedData: json2 };
			hashes.push({ args: [json2], expect: d2.slice(2), show: show2 });
			recovers.push({ args: [json2, hex(sig)], expect: other, show: show2 });
			verifies.push({ args: [addr, json2, hex(sig)], expect: String(other === addr), show: show2 });
		} else {
			const t = tamperSignature(rng, digestBytes, sig);
			const show2 = { ...show, tampered: t.how, signature: '0x' + hex(t.sig) };
			recovers.push({ args: [json, hex(t.sig)], expect: t.expect, show: show2 });
			verifies.push({ args: [addr, json, hex(t.sig)], expect: String(t.expect === addr), show: show2 });
		}
	}
	await h.check('eip712_hash', `encode(eip712_hash(a1::jsonb), 'hex')`, hashes);
	await h.check('eip712_recover', `eip712_recover(a1::jsonb, decode(a2, 'hex'))`, recovers);
	await h.check('eip712_verify', `eip712_verify(a1::eth_address, a2::jsonb, decode(a3, 'hex'))`, verifies);
	await h.check('eip712_domain_separator', `encode(eip712_domain_separator(a1::jsonb, a2::jsonb), 'hex')`, domains);
	await h.check('eip712_domain_separator(domain)', `encode(eip712_domain_separator(a1::jsonb), 'hex')`, domains1);
	await h.check('eip712_hash_struct', `encode(eip712_hash_struct(a1::jsonb, a2, a3::jsonb), 'hex')`, structs);
}
