// creative_defi interop suite: real JavaScript clients (ethers, viem,
// @metamask/eth-sig-util, @noble/curves, @openzeppelin/merkle-tree) make
// random cases and the database must return exactly what they say.
//
//   INTEROP_SEED=<any string>  replay a run (default: a fresh random seed)
//   INTEROP_ONLY=<g1,g2>       run only these case modules (same cases as in
//                              the full run: each module has its own stream)
//   INTEROP_SCALE=<x>          multiply every module's case count (default 1)
//
// Connection from the libpq environment (PGHOST, PGPORT, PGUSER,
// PGPASSWORD, PGDATABASE).  The last line is "interop: N passed, N failed";
// the exit status is non-zero if any case failed.
import { randomBytes } from 'node:crypto';
import { Harness } from './lib/harness.mjs';
import { Rng } from './lib/rng.mjs';

// Case modules (test/interop/cases/<name>.mjs) in run order.  Each exports
// name, requires (the SQL functions it calls) and run(h, rng, scale).
// INTEROP_ONLY may also name a module not listed here (one whose SQL
// functions have not landed yet).
const MODULES = ['keccak256', 'eth_address', 'ecrecover', 'eip191', 'secp256k1', 'schnorr', 'ed25519', 'merkle', 'eip712', 'splits', 'friendtech', 'amm', 'orders', 'siwe', 'siwe_package', 'solvency', 'checkpoints', 'provenance'];

const seed = process.env.INTEROP_SEED || randomBytes(8).toString('hex');
const only = (process.env.INTEROP_ONLY || '').split(',').map(s => s.trim()).filter(Boolean);
const scale = Number(process.env.INTEROP_SCALE || '1');
console.log(`interop: seed ${seed} (replay with INTEROP_SEED=${seed})`);

const started = Date.now();
const h = await Harness.connect(seed);
try {
	for (const modName of only.length ? only : MODULES) {
		const mod = await import(`./cases/${modName}.mjs`);
		const missing = await h.missing(mod.requires);
		if (missing.length) {
			h.fail(mod.name, `SQL functions missing from schema creative_defi: ${missing.join(', ')}`);
			continue;
		}
		const t0 = Date.now();
		const before = { p: h.passed, f: h.failed };
		const known = new Set(h.groups.keys());
		try {
			await mod.run(h, new Rng(seed, mod.name), scale);
		} catch (err) {
			h.fail(mod.name, `module raised ${err.stack || err}`);
		}
		console.log(`  ${mod.name.padEnd(12)} ${String(h.passed - before.p).padStart(6)} passed ${String(h.failed - before.f).padStart(4)} failed  ${((Date.now() - t0) / 1000).toFixed(1)}s`);
		for (const [g, c] of h.groups) if (!known.has(g)) console.log(`    ${g.padEnd(40)} ${String(c.passed).padStart(6)} passed ${String(c.failed).padStart(4)} failed`);
	}
} finally {
	await h.close();
}
console.log(`interop: ${((Date.now() - started) / 1000).toFixed(1)}s, seed ${seed}`);
console.log(`interop: ${h.passed} passed, ${h.failed} failed`);
process.exitCode = h.failed === 0 ? 0 : 1;
