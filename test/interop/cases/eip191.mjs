// EIP-191 personal_sign: random keys sign random messages (empty, binary,
// ASCII, non-ASCII UTF-8, around the Keccak rate) with ethers
// Wallet.signMessage, viem account.signMessage and eth-sig-util
// personalSign.  eth_message_hash must equal ethers hashMessage (and
// viem's); eth_recover_message and ecrecover must return the signer and
// eth_verify_message true, for the 65-byte and the EIP-2098 compact form,
// through the bytea and (valid UTF-8) text overloads.  Tampered signatures,
// messages and signers give what OpenZeppelin's tryRecover rules give.
import { Wallet, hashMessage, verifyMessage, Signature } from 'ethers';
import { privateKeyToAccount } from 'viem/accounts';
import { hashMessage as viemHashMessage } from 'viem';
import { personalSign, recoverPersonalSignature } from '@metamask/eth-sig-util';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { hex, randomMessage } from '../lib/rng.mjs';
import { ozTryRecover, tamperSignature } from '../lib/ecdsa.mjs';

export const name = 'eip191';
export const requires = ['eth_message_hash', 'eth_recover_message', 'eth_verify_message', 'ecrecover'];

const SIGNERS = ['ethers', 'viem', 'eth-sig-util'];
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

// The message as text when it is valid UTF-8 without NUL, else null
// (ignoreBOM keeps a leading U+FEFF: it is part of the signed bytes).
function asText(bytes) {
	try {
		const s = utf8.decode(bytes);
		return s.includes('\u0000') ? null : s;
	} catch { return null; }
}

async function signWith(lib, sk, wallet, account, msg) {
	switch (lib) {
	case 'ethers': return wallet.signMessage(msg);
	case 'viem': return account.signMessage({ message: { raw: msg } });
	default: return personalSign({ privateKey: Buffer.from(sk), data: '0x' + hex(msg) });
	}
}

export async function run(h, rng, scale) {
	const hashes = [], recovers = [], recoversText = [], verifies = [], ecrecovers = [];
	for (let i = 0; i < 180 * scale; i++) {
		const sk = secp256k1.utils.randomSecretKey(rng.bytes(48));
		const wallet = new Wallet('0x' + hex(sk));
		const account = privateKeyToAccount('0x' + hex(sk));
		const addr = wallet.address;
		const msg = randomMessage(rng);
		const lib = SIGNERS[i % 3];
		const sigHex = await signWith(lib, sk, wallet, account, msg);
		const sig = Buffer.from(sigHex.slice(2), 'hex');
		const digest = hashMessage(msg);
		const digestBytes = Buffer.from(digest.slice(2), 'hex');
		const text = asText(msg);
		const show = { signer: lib, key: '0x' + hex(sk), address: addr, message: msg, text, signature: sigHex };

		// The libraries must agree among themselves first.
		const byEthers = verifyMessage(msg, sigHex);
		const bySigUtil = recoverPersonalSignature({ data: '0x' + hex(msg), signature: sigHex });
		if (digest !== viemHashMessage({ raw: msg }) || byEthers !== addr || bySigUtil.toLowerCase() !== addr.toLowerCase()) {
			h.fail(name, 'ethers, viem and eth-sig-util disagree', { ...show, byEthers, bySigUtil });
			continue;
		}

		hashes.push({ args: [hex(msg)], expect: digest.slice(2), show: { message: msg } });
		if (text !== null)
			hashes.push({ args: [hex(msg), text], expect: digest.slice(2), show: { text }, text: true });

		const compactSig = Buffer.from(Signature.from(sigHex).compactSerialized.slice(2), 'hex');
		for (const [form, sg] of [['65-byte', sig], ['EIP-2098 compact', compactSig]]) {
			recovers.push({ args: [hex(msg), hex(sg)], expect: addr, show: { ...show, form } });
			verifies.push({ args: [addr, hex(msg), hex(sg)], expect: 'true', show: { ...show, form } });
			ecrecovers.push({ args: [hex(digestBytes), hex(sg)], expect: addr, show: { ...show, form } });
			if (text !== null) recoversText.push({ args: [text, hex(sg)], expect: addr, show: { ...show, form } });
		}

		// Tampered: the signature, the message, or the claimed signer.
		const t = tamperSignature(rng, digestBytes, sig);
		recovers.push({ args: [hex(msg), hex(t.sig)], expect: t.expect, show: { ...show, tampered: t.how, signature: t.sig } });
		verifies.push({ args: [addr, hex(msg), hex(t.sig)], expect: String(t.expect === addr), show: { ...show, tampered: t.how, signature: t.sig } });
		const m2 = Uint8Array.from(msg.length ? msg : [0]);
		if (msg.length) m2[rng.int(m2.length)] ^= 1 << rng.int(8);
		const other = ozTryRecover(Buffer.from(hashMessage(m2).slice(2), 'hex'), sig);
		recovers.push({ args: [hex(m2), hex(sig)], expect: other, show: { ...show, tampered: 'message', message: m2 } });
		verifies.push({ args: [addr, hex(m2), hex(sig)], expect: String(other === addr), show: { ...show, tampered: 'message', message: m2 } });
		const stranger = new Wallet('0x' + hex(secp256k1.utils.randomSecretKey(rng.bytes(48)))).address;
		verifies.push({ args: [stranger, hex(msg), hex(sig)], expect: 'false', show: { ...show, tampered: 'signer', claimed: stranger } });
		if (text !== null)
			verifies.push({ args: [addr, hex(msg), hex(sig), text], expect: 'true', show: { ...show, overload: 'text' }, text: true });
	}
	await h.check('eip191/eth_message_hash', `encode(eth_message_hash(decode(a1, 'hex')), 'hex')`, hashes.filter(c => !c.text));
	await h.check('eip191/eth_message_hash(text)', `encode(eth_message_hash(a2), 'hex')`, hashes.filter(c => c.text));
	await h.check('eip191/eth_recover_message', `eth_recover_message(decode(a1, 'hex'), decode(a2, 'hex'))`, recovers);
	await h.check('eip191/eth_recover_message(text)', `eth_recover_message(a1, decode(a2, 'hex'))`, recoversText);
	await h.check('eip191/eth_verify_message', `eth_verify_message(a1::eth_address, decode(a2, 'hex'), decode(a3, 'hex'))`, verifies.filter(c => !c.text));
	await h.check('eip191/eth_verify_message(text)', `eth_verify_message(a1::eth_address, a4, decode(a3, 'hex'))`, verifies.filter(c => c.text));
	await h.check('eip191/ecrecover(hashMessage)', `ecrecover(decode(a1, 'hex'), decode(a2, 'hex'))`, ecrecovers);
}
