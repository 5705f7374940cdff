// BigInt ports of published Solidity formulas, with Solidity 0.8's checked
// arithmetic (SafeMath's, for Uniswap V2's 0.5/0.6 code): an overflow,
// underflow, division by zero or failed require throws a Revert, as the
// contract would revert.  Ported by hand from the sources named below.
export class Revert extends Error {}

const MAX = (1n << 256n) - 1n;

// With wide intermediates (see wide() below) add and mul do not overflow.
let checked = true;
const add = (a, b) => { const r = a + b; if (checked && r > MAX) throw new Revert('overflow'); return r; };
const sub = (a, b) => { if (b > a) throw new Revert('underflow'); return a - b; };
const mul = (a, b) => { const r = a * b; if (checked && r > MAX) throw new Revert('overflow'); return r; };

// Run a port with unbounded intermediates: what the formula gives when
// only the requires, underflows and zero divisors revert (the database's
// documented behaviour for amm_*: wide intermediates instead of overflow
// reverts).  The caller checks the result against 2^256 - 1.
export function wide(fn) {
	checked = false;
	try { return fn(); } finally { checked = true; }
}
const div = (a, b) => { if (b === 0n) throw new Revert('division by zero'); return a / b; };
const req = (cond, why) => { if (!cond) throw new Revert(why); };

// friend.tech FriendtechSharesV1.getPrice(supply, amount) (Base,
// 0xcf205808ed36593aa40a44f10c7f7c2f67d4a4d4): the sum of i^2 for
// i = supply .. supply+amount-1, times 1 ether / 16000.
export function friendtechGetPrice(supply, amount) {
	const sum1 = supply === 0n ? 0n : div(mul(mul(sub(supply, 1n), supply), add(mul(2n, sub(supply, 1n)), 1n)), 6n);
	const sum2 = supply === 0n && amount === 1n ? 0n
		: div(mul(mul(sub(add(supply, amount), 1n), add(supply, amount)), add(mul(2n, sub(add(supply, amount), 1n)), 1n)), 6n);
	const summation = sub(sum2, sum1);
	return div(mul(summation, 10n ** 18n), 16000n);
}

// UniswapV2Library.getAmountOut, generalized from 997/1000 to
// (10000 - feeBps)/10000 (feeBps 30 gives the same result as 997/1000).
export function getAmountOut(amountIn, reserveIn, reserveOut, feeBps = 30n) {
	req(amountIn > 0n, 'UniswapV2Library: INSUFFICIENT_INPUT_AMOUNT');
	req(reserveIn > 0n && reserveOut > 0n, 'UniswapV2Library: INSUFFICIENT_LIQUIDITY');
	const amountInWithFee = mul(amountIn, 10000n - feeBps);
	const numerator = mul(amountInWithFee, reserveOut);
	const denominator = add(mul(reserveIn, 10000n), amountInWithFee);
	return numerator / denominator;
}

// The original, with the literal 997 and 1000.
export function getAmountOut997(amountIn, reserveIn, reserveOut) {
	req(amountIn > 0n, 'UniswapV2Library: INSUFFICIENT_INPUT_AMOUNT');
	req(reserveIn > 0n && reserveOut > 0n, 'UniswapV2Library: INSUFFICIENT_LIQUIDITY');
	const amountInWithFee = mul(amountIn, 997n);
	const numerator = mul(amountInWithFee, reserveOut);
	const denominator = add(mul(reserveIn, 1000n), amountInWithFee);
	return numerator / denominator;
}

// UniswapV2Library.getAmountIn, generalized as above.
export function getAmountIn(amountOut, reserveIn, reserveOut, feeBps = 30n) {
	req(amountOut > 0n, 'UniswapV2Library: INSUFFICIENT_OUTPUT_AMOUNT');
	req(reserveIn > 0n && reserveOut > 0n, 'UniswapV2Library: INSUFFICIENT_LIQUIDITY');
	const numerator = mul(mul(reserveIn, amountOut), 10000n);
	const denominator = mul(sub(reserveOut, amountOut), 10000n - feeBps);
	return add(div(numerator, denominator), 1n);
}

export function getAmountIn997(amountOut, reserveIn, reserveOut) {
	req(amountOut > 0n, 'UniswapV2Library: INSUFFICIENT_OUTPUT_AMOUNT');
	req(reserveIn > 0n && reserveOut > 0n, 'UniswapV2Library: INSUFFICIENT_LIQUIDITY');
	const numerator = mul(mul(reserveIn, amountOut), 1000n);
	const denominator = mul(sub(reserveOut, amountOut), 997n);
	return add(div(numerator, denominator), 1n);
}

// UniswapV2Library.quote.
export function quote(amountA, reserveA, reserveB) {
	req(amountA > 0n, 'UniswapV2Library: INSUFFICIENT_AMOUNT');
	req(reserveA > 0n && reserveB > 0n, 'UniswapV2Library: INSUFFICIENT_LIQUIDITY');
	return div(mul(amountA, reserveB), reserveA);
}

// Uniswap's Math.sqrt (the Babylonian method, floor of the square root).
export function babylonianSqrt(y) {
	let z = 0n;
	if (y > 3n) {
		z = y;
		let x = y / 2n + 1n;
		while (x < z) { z = x; x = (y / x + x) / 2n; }
	} else if (y !== 0n) {
		z = 1n;
	}
	return z;
}

// UniswapV2Pair.mint's liquidity for deposits amount0/amount1 into
// reserves _reserve0/_reserve1 with LP supply _totalSupply.
export function mintLiquidity(amount0, amount1, reserve0, reserve1, totalSupply) {
	const MINIMUM_LIQUIDITY = 1000n;
	let liquidity;
	if (totalSupply === 0n) {
		liquidity = sub(babylonianSqrt(mul(amount0, amount1)), MINIMUM_LIQUIDITY);
	} else {
		const l0 = div(mul(amount0, totalSupply), reserve0);
		const l1 = div(mul(amount1, totalSupply), reserve1);
		liquidity = l0 < l1 ? l0 : l1;
	}
	req(liquidity > 0n, 'UniswapV2: INSUFFICIENT_LIQUIDITY_MINTED');
	return liquidity;
}

// UniswapV2Pair.burn's amounts for liquidity LP tokens (balances equal
// to the reserves).
export function burnAmounts(liquidity, balance0, balance1, totalSupply) {
	const amount0 = div(mul(liquidity, balance0), totalSupply);
	const amount1 = div(mul(liquidity, balance1), totalSupply);
	req(amount0 > 0n && amount1 > 0n, 'UniswapV2: INSUFFICIENT_LIQUIDITY_BURNED');
	return [amount0, amount1];
}

// SplitMain v1 (0xSplits, contracts/SplitMain.sol) _distributeETH's
// arithmetic on amountToSplit: the distributor's fee, then each
// recipient's _scaleAmountByPercentage.  _scaleAmountByPercentage is
// `div(mul(amount, scaledPercent), PERCENTAGE_SCALE)` in assembly, so the
// multiplication wraps modulo 2^256 (reproduced here with wrap = true).
export function splitMainDistribute(amount, allocations, distributorFee, wrap = true) {
	const scale = (a, p) => (wrap ? (a * p) & MAX : a * p) / 1000000n;
	let rest = amount;
	let fee = 0n;
	if (distributorFee !== 0n) {
		fee = scale(amount, distributorFee);
		rest = amount - fee;
	}
	return { fee, shares: allocations.map(p => scale(rest, p)) };
}
