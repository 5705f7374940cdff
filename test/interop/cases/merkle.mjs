// merkle_root, merkle_proof and merkle_verify against
// @openzeppelin/merkle-tree's SimpleMerkleTree (default options: leaves
// sorted, sorted-pair Keccak-256): trees of 1 to 300 random bytes32
// leaves (sometimes with duplicates).  merkle_root equals tree.root;
// merkle_proof(leaves, i) equals tree.getProof(i), i being the 0-based
// position in the array given to SimpleMerkleTree.of (the "value index",
// as merkle_proof documents); merkle_verify says what
// SimpleMerkleTree.verify says, also for a tampered leaf, proof or root.
import { SimpleMerkleTree } from '@openzeppelin/merkle-tree';
import { hex, flipBit } from '../lib/rng.mjs';

export const name = 'merkle';
export const requires = ['merkle_root', 'merkle_proof', 'merkle_verify'];

// A PostgreSQL bytea[] literal (also how bytea[] prints): {"\\x..",...}.
function byteaArray(hexes) {
	return '{' + hexes.map(x => `"\\\\x${x.replace(/^0x/, '')}"`).join(',') + '}';
}

const unhex = x => Uint8Array.from(Buffer.from(x.replace(/^0x/, ''), 'hex'));

export async function run(h, rng, scale) {
	const roots = [], proofs = [], verifies = [];
	const sizes = [1, 2, 3, 4, 5, 300];
	while (sizes.length < 40 * scale) sizes.push(rng.chance(0.5) ? rng.range(1, 300) : rng.range(1, 20));
	for (const n of sizes) {
		const leaves = [];
		for (let i = 0; i < n; i++)
			leaves.push('0x' + (i > 0 && rng.chance(0.05) ? leaves[rng.int(i)].slice(2) : hex(rng.bytes(32))));
		const tree = SimpleMerkleTree.of(leaves);
		const arr = byteaArray(leaves);
		roots.push({ args: [arr], expect: tree.root.slice(2), show: { leaves } });
		const picks = new Set([0, n - 1]);
		while (picks.size < Math.min(n, 10)) picks.add(rng.int(n));
		for (const i of picks) {
			const proof = tree.getProof(i);
			proofs.push({ args: [arr, String(i)], expect: byteaArray(proof), show: { n, index: i, leaves } });
			const vcase = (how, root, leaf, pr) => verifies.push({ args: [root.slice(2), leaf.slice(2), byteaArray(pr)],
				expect: String(SimpleMerkleTree.verify(root, leaf, pr)), show: { how, root, leaf, proof: pr } });
			vcase('valid', tree.root, leaves[i], proof);
			const flip = x => '0x' + hex(flipBit(rng, unhex(x)));
			switch (rng.int(4)) {
			case 0: vcase('leaf bit', tree.root, flip(leaves[i]), proof); break;
			case 1: vcase('root bit', flip(tree.root), leaves[i], proof); break;
			case 2: if (proof.length) { const p = [...proof]; const k = rng.int(p.length); p[k] = flip(p[k]); vcase('proof bit', tree.root, leaves[i], p); } break;
			default: if (proof.length) vcase('proof truncated', tree.root, leaves[i], proof.slice(0, -1)); break;
			}
		}
	}
	await h.check('merkle_root', `encode(merkle_root(a1::bytea[]), 'hex')`, roots);
	await h.check('merkle_proof', `merkle_proof(a1::bytea[], a2::int)`, proofs);
	await h.check('merkle_verify', `merkle_verify(decode(a1, 'hex'), decode(a2, 'hex'), a3::bytea[])`, verifies);
}
