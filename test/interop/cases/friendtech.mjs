// friend.tech's price as a power curve: curve_buy_cost and
// curve_sell_proceeds of power_curve(62500000000000, 2) against a BigInt
// port of FriendtechSharesV1.getPrice (lib/solidity.mjs).  Unit i costs
// 62500000000000 * i^2 = i^2 * 1 ether / 16000 exactly (1e18 / 16000 is an
// integer, and the contract's "/ 6" divides sums of squares exactly), so
// no rounding is involved: wherever the contract returns a price the
// database must return the same wei.  getSellPrice(supply, amount) is
// getPrice(supply - amount, amount), i.e. curve_sell_proceeds(supply, amount).
//
// Where the two domains differ the suite expects what docs/bonding_curve.md
// says, in groups of their own so that the difference stays visible:
//  - getPrice(0, 0) reverts (underflow); curve_buy_cost(curve, 0, 0) is 0.
//  - where getPrice reverts on overflow, the database returns the exact
//    cost when reserve(supply + amount) fits in uint256, else 22003;
//  - where getPrice returns a price but reserve(supply + amount) =
//    62500000000000 * sum of i^2 (i < supply + amount) exceeds 2^256 - 1
//    (supply + amount above 1771359492996257471544), the database raises 22003 ("curve
//    reserve ... is out of range for uint256", its error table) although the
//    contract returns a price.  docs/interop.md lists this difference.
import { friendtechGetPrice, Revert } from '../lib/solidity.mjs';

export const name = 'friendtech';
export const requires = ['power_curve', 'curve_buy_cost', 'curve_sell_proceeds'];

const COEFF = 62500000000000n;
const MAX = (1n << 256n) - 1n;
const sumSquares = n => n <= 0n ? 0n : (n - 1n) * n * (2n * n - 1n) / 6n; // sum of i^2 for i < n
const reserve = s => COEFF * sumSquares(s);

export async function run(h, rng, scale) {
	const groups = { exact: [], sells: [], reverts: [], beyond: [] };
	const push = (g, supply, amount, c) => groups[g].push({ args: [supply.toString(), amount.toString()], ...c, show: { supply, amount, ...c.show } });
	push('exact', 0n, 0n, { expect: '0', show: { reference: 'getPrice(0, 0) reverts; documented: 0' } });
	for (let i = 0; i < 400 * scale; i++) {
		let supply, amount;
		switch (rng.int(6)) {
		case 0: supply = BigInt(rng.int(4)); amount = BigInt(rng.range(0, 4)); break; // the first keys
		case 1: case 2: supply = BigInt(rng.int(10000)); amount = BigInt(rng.range(1, 100)); break; // realistic
		case 3: supply = rng.bits(rng.range(1, 64)); amount = rng.bits(rng.range(1, 40)); break;
		case 4: supply = rng.bits(rng.range(64, 86)); amount = rng.bits(rng.range(1, 30)); break; // reserve beyond uint256
		default: supply = rng.bits(rng.range(80, 90)); amount = rng.bits(rng.range(1, 40)); break; // getPrice overflows
		}
		if (supply === 0n && amount === 0n) amount = 1n;
		const fits = reserve(supply + amount) <= MAX;
		let price;
		try {
			price = friendtechGetPrice(supply, amount);
		} catch (e) {
			if (!(e instanceof Revert)) throw e;
			const exact = reserve(supply + amount) - reserve(supply);
			push('reverts', supply, amount, fits ? { expect: exact.toString(), show: { reference: `getPrice reverts (${e.message}); exact cost` } }
				: { error: '22003', show: { reference: `getPrice reverts (${e.message}); reserve beyond uint256` } });
			continue;
		}
		if (!fits) {
			push('beyond', supply, amount, { error: '22003', show: { reference: `getPrice = ${price}; reserve(supply + amount) beyond uint256` } });
			continue;
		}
		push('exact', supply, amount, { expect: price.toString(), show: { reference: 'getPrice' } });
		push('sells', supply + amount, amount, { expect: price.toString(), show: { reference: 'getSellPrice = getPrice(supply - amount, amount)' } });
	}
	const curve = `power_curve(${COEFF}, 2)`;
	const buy = `curve_buy_cost(${curve}, a1::numeric, a2::numeric)`;
	await h.check('friendtech/getPrice', buy, groups.exact);
	await h.check('friendtech/getSellPrice', `curve_sell_proceeds(${curve}, a1::numeric, a2::numeric)`, groups.sells);
	await h.check('friendtech/getPrice-reverts', buy, groups.reverts);
	await h.check('friendtech/reserve-beyond-uint256', buy, groups.beyond);
}
