// eth_address against ethers and viem: the address of random secp256k1
// public keys (compressed and uncompressed), EIP-55 checksummed output of
// lower- and upper-case input, and rejection of a broken checksum exactly
// when ethers.getAddress rejects it.
import { computeAddress, getAddress } from 'ethers';
import { publicKeyToAddress } from 'viem/accounts';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { hex } from '../lib/rng.mjs';
import { randomKeyPair } from '../lib/ecdsa.mjs';

export const name = 'eth_address';
export const requires = ['eth_address'];

export async function run(h, rng, scale) {
	const fromKey = [];
	for (let i = 0; i < 200 * scale; i++) {
		const { sk, pub } = randomKeyPair(rng);
		const a = computeAddress('0x' + hex(pub));
		const b = publicKeyToAddress('0x' + hex(secp256k1.getPublicKey(sk, false)));
		if (a !== b) { h.fail(name, 'ethers and viem disagree on a public key\'s address', { pub, ethers: a, viem: b }); continue; }
		fromKey.push({ args: [hex(pub)], expect: a, show: { pubkey: pub } });
	}
	await h.check('eth_address/pubkey', `eth_address(decode(a1, 'hex'))`, fromKey);

	const text = [];
	for (let i = 0; i < 200 * scale; i++) {
		const body = hex(rng.bytes(20));
		const checksummed = getAddress('0x' + body);
		let input;
		switch (rng.int(4)) {
		case 0: input = '0x' + body; break;
		case 1: input = '0x' + body.toUpperCase(); break;
		case 2: input = checksummed; break;
		default: {
			// Flip the case of one letter of a checksummed address: ethers
			// rejects it unless the address has no letters at all.
			const letters = [...checksummed.slice(2)].map((c, j) => /[a-fA-F]/.test(c) ? j + 2 : -1).filter(j => j >= 0);
			if (letters.length === 0) { input = checksummed; break; }
			const j = rng.pick(letters);
			const c = checksummed[j];
			input = checksummed.slice(0, j) + (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()) + checksummed.slice(j + 1);
		}
		}
		let expect = null, error;
		try { expect = getAddress(input); } catch { error = '22P02'; }
		text.push({ args: [input], expect, error, show: { input } });
	}
	await h.check('eth_address/text', `a1::eth_address`, text);
}
