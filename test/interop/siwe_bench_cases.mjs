// bench/siwe.sh's cases (run from test/interop, where the packages are): N
// Sign-In with Ethereum messages (every optional field present, resources
// included: about 500 bytes each) built by viem's
// createSiweMessage and signed by ethers wallets, one line each:
// message (hex of its UTF-8) | signature (hex) | signer | nonce
import { Wallet, hashMessage } from 'ethers';
import { createSiweMessage } from 'viem/siwe';

const n = Number(process.argv[2] ?? 2000);
const wallets = Array.from({ length: 16 }, (_, i) => new Wallet('0x' + (i + 1).toString(16).padStart(64, '0')));
const lines = [];
for (let i = 0; i < n; i++) {
	const w = wallets[i % wallets.length];
	const nonce = `benchNonce${String(i).padStart(8, '0')}`;
	const message = createSiweMessage({
		domain: 'app.example', address: w.address, statement: 'Sign in to the marketplace and accept its terms of service.',
		uri: 'https://app.example/login', version: '1', chainId: 1, nonce,
		issuedAt: new Date('2026-01-01T00:00:00.000Z'), expirationTime: new Date('2099-01-01T00:00:00.000Z'),
		notBefore: new Date('2025-01-01T00:00:00.000Z'), requestId: `request-${i}`,
		resources: ['ipfs://bafybeiemxf5abjwjbikoz4mc3a3dla6ual3jsgpdr4cjr3oz3evfyavhwq/', 'https://app.example/terms.json'] });
	const sig = w.signingKey.sign(hashMessage(message)).serialized;  // EIP-191 personal_sign
	lines.push([Buffer.from(message).toString('hex'), sig.slice(2), w.address, nonce].join('|'));
}
process.stdout.write(lines.join('\n') + '\n');
