// Compiled by `tsc -p test/types` (no output): every @ts-expect-error
// below must be an error, or the compilation fails ("Unused
// '@ts-expect-error' directive").  A number where an amount goes is a
// type error; bigint compiles; results are bigint.
import { CreativeDefi, type BuyResult } from '../../dist/index.js';

const db = new CreativeDefi({});
const alice = '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed';
const eth = 'eip155:1/slip44:60';

export async function typed(): Promise<bigint> {
  await db.deposit({ account: alice, asset: eth, amount: 2n ** 64n + 1n, ref: 'ok' });
  // @ts-expect-error a number amount loses precision above 2^53
  await db.deposit({ account: alice, asset: eth, amount: 100, ref: 'number' });
  // @ts-expect-error maxCost is an amount too
  await db.buy({ asset: eth, buyer: alice, amount: 1n, maxCost: 5, ref: 'number-limit' });
  // @ts-expect-error an order's uint256 fields are bigint
  await db.signOrder({} as never, 'Buy', { asset: eth, amount: 1, maxCost: 1n, nonce: 1n, deadline: 1n });
  const r: BuyResult = await db.buy({ asset: eth, buyer: alice, amount: 1n, maxCost: 5n, ref: 'b' });
  // @ts-expect-error results are bigint, not number
  const n: number = r.cost;
  void n;
  const balance: bigint = await db.balance(alice, eth);
  return balance + r.paid;
}
