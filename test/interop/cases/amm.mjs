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
import { getAmountOut, getAmountOut997, getAmountIn, getAmountIn997, quote, mintLiquidity, burnAmounts, Revert, wide } from '../lib/solidity.mjs';

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

// outcome of fn(amount, reserveIn, reserveOut, fee); at Uniswap's own fee
// of 30 bps it must equal the literal 997/1000 formula's, fn997.
function feeOutcome(h, what, fn, fn997, amount, reserveIn, reserveOut, fee) {
	const o = outcome(() => fn(amount, reserveIn, reserveOut, fee));
	if (fee === 30n) {
		const o997 = outcome(() => fn997(amount, reserveIn, reserveOut));
		if (o997.expect !== o.expect) h.fail(name, `generalized ${what} differs from 997/1000`, { amount, reserveIn, reserveOut });
	}
	return o;
}

const MAX = (1n << 256n) - 1n;

// Expectation with wide intermediates: the exact value, 22003 if it
// exceeds 2^256 - 1, 22023 where a require, underflow or zero divisor reverts.
function wideOutcome(fn) {
	try {
		const v = wide(fn);
		const vs = Array.isArray(v) ? v : [v];
		if (vs.some(x => x > MAX)) return { error: '22003', revert: 'result above 2^256 - 1' };
		return { expect: Array.isArray(v) ? `(${v.join(',')})` : v.toString() };
	} catch (e) {
		if (!(e instanceof Revert)) throw e;
		return { error: '22023', revert: e.message };
	}
}

// Any uint256, of random magnitude.
function big(rng) {
	return rng.chance(0.1) ? MAX : rng.bits(rng.range(1, 256));
}

export async function run(h, rng, scale) {
	const outs = [], ins = [], quotes = [], mints = [], burns = [];
	for (let i = 0; i < 400 * scale; i++) {
		const rIn = amount(rng), rOut = amount(rng);
		const fee = rng.chance(0.6) ? 30n : BigInt(rng.pick([0, 1, 5, 25, 100, 300, 1000, 9999, rng.int(10000)]));
		const a = rng.chance(0.3) && rIn > 0n ? rIn / BigInt(rng.range(1, 1000)) : amount(rng);
		const o = feeOutcome(h, 'getAmountOut', getAmountOut, getAmountOut997, a, rIn, rOut, fee);
		outs.push({ args: [a.toString(), rIn.toString(), rOut.toString(), fee.toString()], ...o,
			show: { amountIn: a, reserveIn: rIn, reserveOut: rOut, feeBps: fee, revert: o.revert } });

		// amount_out close to reserve_out as often as anywhere.
		const b = rng.chance(0.3) && rOut > 1n ? rOut - BigInt(rng.range(0, 3)) : (rng.chance(0.5) && rOut > 0n ? rng.below(rOut) : amount(rng));
		const n = feeOutcome(h, 'getAmountIn', getAmountIn, getAmountIn997, b, rIn, rOut, fee);
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
	// Beyond uint112: amounts and reserves anywhere in uint256.  The
	// contracts would revert on an overflowing intermediate; the database
	// computes wide (docs/amm.md) and raises 22003 only if the result does
	// not fit.  Expected: the exact formulas.
	const wideCases = { out: [], in: [], quote: [], mint: [], burn: [] };
	for (let i = 0; i < 100 * scale; i++) {
		const a = big(rng), b = big(rng), rIn = big(rng), rOut = big(rng), fee = BigInt(rng.pick([30, rng.int(10000)]));
		const ts = rng.chance(0.3) ? 0n : big(rng);
		const push = (k, args, o, show) => wideCases[k].push({ args: args.map(String), ...o, show: { ...show, revert: o.revert } });
		push('out', [a, rIn, rOut, fee], wideOutcome(() => getAmountOut(a, rIn, rOut, fee)), { amountIn: a, reserveIn: rIn, reserveOut: rOut, feeBps: fee });
		const bo = rOut > 0n ? rng.below(rOut) : b;
		push('in', [bo, rIn, rOut, fee], wideOutcome(() => getAmountIn(bo, rIn, rOut, fee)), { amountOut: bo, reserveIn: rIn, reserveOut: rOut, feeBps: fee });
		push('quote', [a, rIn, rOut], wideOutcome(() => quote(a, rIn, rOut)), { amountA: a, reserveA: rIn, reserveB: rOut });
		push('mint', [a, b, rIn, rOut, ts], wideOutcome(() => mintLiquidity(a, b, rIn, rOut, ts)), { amount0: a, amount1: b, reserve0: rIn, reserve1: rOut, totalSupply: ts });
		const t2 = ts === 0n ? 1n : ts, liq = rng.below(t2 + 1n);
		push('burn', [liq, rIn, rOut, t2], wideOutcome(() => burnAmounts(liq, rIn, rOut, t2)), { liquidity: liq, reserve0: rIn, reserve1: rOut, totalSupply: t2 });
	}
	outs.push(...wideCases.out.map(c => ({ ...c, wide: true })));
	ins.push(...wideCases.in.map(c => ({ ...c, wide: true })));
	quotes.push(...wideCases.quote.map(c => ({ ...c, wide: true })));
	mints.push(...wideCases.mint.map(c => ({ ...c, wide: true })));
	burns.push(...wideCases.burn.map(c => ({ ...c, wide: true })));

	// Cases where the contract reverts are counted in groups of their own,
	// and so are the wide ones.
	const check = async (group, expr, cases) => {
		await h.check(group, expr, cases.filter(c => !c.error && !c.wide));
		await h.check(`${group}/reverts`, expr, cases.filter(c => c.error && !c.wide));
		await h.check(`${group}/uint256`, expr, cases.filter(c => c.wide));
	};
	await check('amm_amount_out', `amm_amount_out(a1::numeric, a2::numeric, a3::numeric, a4::int)`, outs);
	await check('amm_amount_in', `amm_amount_in(a1::numeric, a2::numeric, a3::numeric, a4::int)`, ins);
	await check('amm_quote', `amm_quote(a1::numeric, a2::numeric, a3::numeric)`, quotes);
	await check('amm_liquidity_minted', `amm_liquidity_minted(a1::numeric, a2::numeric, a3::numeric, a4::numeric, a5::numeric)`, mints);
	await check('amm_liquidity_burned', `(SELECT '(' || b.amount_a || ',' || b.amount_b || ')' FROM amm_liquidity_burned(a1::numeric, a2::numeric, a3::numeric, a4::numeric) AS b)`, burns);
}
