// ecrecover(digest, signature) against ethers, viem and noble: random
// keys sign random 32-byte digests; every signer's 65-byte signature (v as
// 27/28 and as 0/1) and its EIP-2098 compact form must recover the signer.
// Tampered signatures must give exactly what OpenZeppelin's tryRecover
// rules give over noble's recovery (a different address or NULL).
import { SigningKey, Signature, recoverAddress, computeAddress } from 'ethers';
import { sign as viemSign, serializeSignature } from 'viem/accounts';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { hex } from '../lib/rng.mjs';
import { ozTryRecover, tamperSignature, parts, rsv, compact } from '../lib/ecdsa.mjs';

export const name = 'ecrecover';
export const requires = ['ecrecover'];

const SIGNERS = ['ethers', 'viem', 'noble'];

// 65-byte r||s||v (v 27/28) from the given library.
async function signDigest(lib, sk, digest) {
	switch (lib) {
	case 'ethers':
		return Buffer.from(new SigningKey(sk).sign(digest).serialized.slice(2), 'hex');
	case 'viem': {
		const sig = await viemSign({ hash: '0x' + hex(digest), privateKey: '0x' + hex(sk) });
		return Buffer.from(serializeSignature(sig).slice(2), 'hex');
	}
	default: {
		const rec = secp256k1.sign(digest, sk, { prehash: false, format: 'recovered' });
		const out = new Uint8Array(65);
		out.set(rec.subarray(1), 0); out[64] = 27 + rec[0];
		return out;
	}
	}
}

export async function run(h, rng, scale) {
	const cases = [];
	const add = (digest, sig, expect, show) =>
		cases.push({ args: [hex(digest), hex(sig)], expect, show: { ...show, digest, signature: sig } });
	for (let i = 0; i < 150 * scale; i++) {
		const sk = secp256k1.utils.randomSecretKey(rng.bytes(48));
		const addr = computeAddress(new SigningKey(sk).publicKey);
		const digest = rng.bytes(32);
		const lib = SIGNERS[i % 3];
		const sig = await signDigest(lib, sk, digest);
		// ethers' own recovery and the tryRecover port must both give the signer.
		const byEthers = recoverAddress(digest, '0x' + hex(sig));
		if (byEthers !== addr || ozTryRecover(digest, sig) !== addr) {
			h.fail(name, `${lib} signature does not recover its signer in JavaScript`, { digest, sig, addr, byEthers });
			continue;
		}
		const { r, s, parity } = parts(sig);
		const ethersCompact = Buffer.from(Signature.from('0x' + hex(sig)).compactSerialized.slice(2), 'hex');
		if (!Buffer.from(compact(r, s, parity)).equals(ethersCompact))
			h.fail(name, 'EIP-2098 encoding differs from ethers compactSerialized', { sig });
		add(digest, sig, addr, { signer: lib, form: 'r||s||v, v 27/28' });
		add(digest, rsv(r, s, parity, 0), addr, { signer: lib, form: 'r||s||v, v 0/1' });
		add(digest, ethersCompact, addr, { signer: lib, form: 'EIP-2098 compact (ethers)' });
		const t = tamperSignature(rng, digest, sig);
		add(digest, t.sig, t.expect, { signer: lib, form: `tampered: ${t.how}` });
		// A different digest recovers some other key (or none), as noble says.
		const d2 = Uint8Array.from(digest); d2[rng.int(32)] ^= 1 << rng.int(8);
		add(d2, sig, ozTryRecover(d2, sig), { signer: lib, form: 'digest bit flipped' });
	}
	await h.check('ecrecover', `ecrecover(decode(a1, 'hex'), decode(a2, 'hex'))`, cases);

	// Wrong lengths are errors (22023), as the documentation says.
	const errs = [];
	for (const [dl, sl] of [[31, 65], [33, 65], [0, 65], [32, 63], [32, 66], [32, 0]]) {
		const d = rng.bytes(dl), sg = rng.bytes(sl);
		errs.push({ args: [hex(d), hex(sg)], error: '22023', show: { digestLength: dl, signatureLength: sl } });
	}
	await h.check('ecrecover/length', `ecrecover(decode(a1, 'hex'), decode(a2, 'hex'))`, errs);
}
