// Uniswap V2 math: amm_amount_out, amm_amount_in, amm_quote,
// amm_liquidity_minted and amm_liquidity_burned against BigInt ports of
// UniswapV2Library.getAmountOut / getAmountIn / quote and
// UniswapV2Pair.mint / burn (lib/solidity.mjs), on random reserves and
// amounts within uint112 (Uniswap V2's reserve type), at the edges
// (amounts of 1, amounts close to the reserve, first deposits around
// MINIMUM_LIQUIDITY) and for random fees (the generalized formula; fee 30
// is also checked against the literal 997/1000 formula).  Where the
// contract reverts (a failed require, an underflow, a division by zero)
// the database must raise 22023.
import { getAmountOut, getAmountOut997, getAmountIn, getAmountIn997, quote, mintLiquidity, burnAmounts, Revert } from '../lib/solidity.mjs';

export const name = 'amm';
export const requires = ['amm_amount_out', 'amm_amount_in', 'amm_quote', 'amm_liquidity_minted', 'amm_liquidity_burned'];

// A uint112-sized amount of random magnitude, sometimes 0 or 1.
function amount(rng) {
	const r = rng.int(20);
	if (r === 0) return 0n;
	if (r === 1) return 1n;
	if (r === 2) return (1n << 112n) - 1n;
	return rng.bits(rng.range(1, 112));
}

// Expectation for a port call: its value (as text) or the SQLSTATE of a revert.
function outcome(fn) {
	try {
		const v = fn();
		return { expect: Array.isArray(v) ? `(${v.join(',')})` : v.toString() };
	} catch (e) {
		if (!(e instanceof Revert)) throw e;
		return { error: '22023', revert: e.message };
	}
}

export async function run(h, rng, scale) {
	const outs = [], ins = [], quotes = [], mints = [], burns = [];
	for (let i = 0; i < 400 * scale; i++) {
		const rIn = amount(rng), rOut = amount(rng);
		const fee = rng.chance(0.6) ? 30n : BigInt(rng.pick([0, 1, 5, 25, 100, 300, 1000, 9999, rng.int(10000)]));
		const a = rng.chance(0.3) && rIn > 0n ? rIn / BigInt(rng.range(1, 1000)) : amount(rng);
		const o = outcome(() => getAmountOut(a, rIn, rOut, fee));
		if (fee === 30n) {
			const o997 = outcome(() => getAmountOut997(a, rIn, rOut));
			if (o997.expect !== o.expect) h.fail(name, 'generalized getAmountOut differs from 997/1000', { a, rIn, rOut });
		}
		outs.push({ args: [a.toString(), rIn.toString(), rOut.toString(), fee.toString()], ...o,
			show: { amountIn: a, reserveIn: rIn, reserveOut: rOut, feeBps: fee, revert: o.revert } });

		// amount_out close to reserve_out as often as anywhere.
		const b = rng.chance(0.3) && rOut > 1n ? rOut - BigInt(rng.range(0, 3)) : (rng.chance(0.5) && rOut > 0n ? rng.below(rOut) : amount(rng));
		const n = outcome(() => getAmountIn(b, rIn, rOut, fee));
		if (fee === 30n) {
			const n997 = outcome(() => getAmountIn997(b, rIn, rOut));
			if (n997.expect !== n.expect) h.fail(name, 'generalized getAmountIn differs from 997/1000', { b, rIn, rOut });
		}
		ins.push({ args: [b.toString(), rIn.toString(), rOut.toString(), fee.toString()], ...n,
			show: { amountOut: b, reserveIn: rIn, reserveOut: rOut, feeBps: fee, revert: n.revert } });

		const q = outcome(() => quote(a, rIn, rOut));
		quotes.push({ args: [a.toString(), rIn.toString(), rOut.toString()], ...q,
			show: { amountA: a, reserveA: rIn, reserveB: rOut, revert: q.revert } });

		// mint: a first deposit (total supply 0) a third of the time, some
		// of them around sqrt(a*b) = 1000.
		let ts = rng.chance(0.33) ? 0n : amount(rng);
		let d0 = amount(rng), d1 = amount(rng);
		if (ts === 0n && rng.chance(0.3)) { d0 = BigInt(rng.range(990, 1010)); d1 = BigInt(rng.range(990, 1010)); }
		const m = outcome(() => mintLiquidity(d0, d1, rIn, rOut, ts));
		mints.push({ args: [d0.toString(), d1.toString(), rIn.toString(), rOut.toString(), ts.toString()], ...m,
			show: { amount0: d0, amount1: d1, reserve0: rIn, reserve1: rOut, totalSupply: ts, revert: m.revert } });

		// burn: liquidity up to the total supply.
		ts = amount(rng);
		if (ts === 0n) ts = 1n;
		const liq = rng.chance(0.1) ? ts : rng.below(ts + 1n);
		const bu = outcome(() => burnAmounts(liq, rIn, rOut, ts));
		burns.push({ args: [liq.toString(), rIn.toString(), rOut.toString(), ts.toString()], ...bu,
			show: { liquidity: liq, reserve0: rIn, reserve1: rOut, totalSupply: ts, revert: bu.revert } });
	}
	// Cases where the contract reverts are counted in groups of their own.
	const check = async (group, expr, cases) => {
		await h.check(group, expr, cases.filter(c => !c.error));
		await h.check(`${group}/reverts`, expr, cases.filter(c => c.error));
	};
	await check('amm_amount_out', `amm_amount_out(a1::numeric, a2::numeric, a3::numeric, a4::int)`, outs);
	await check('amm_amount_in', `amm_amount_in(a1::numeric, a2::numeric, a3::numeric, a4::int)`, ins);
	await check('amm_quote', `amm_quote(a1::numeric, a2::numeric, a3::numeric)`, quotes);
	await check('amm_liquidity_minted', `amm_liquidity_minted(a1::numeric, a2::numeric, a3::numeric, a4::numeric, a5::numeric)`, mints);
	await check('amm_liquidity_burned', `(SELECT '(' || b.amount_a || ',' || b.amount_b || ')' FROM amm_liquidity_burned(a1::numeric, a2::numeric, a3::numeric, a4::numeric) AS b)`, burns);
}
