// Shared set-up of the client's tests: the database in PGDATABASE (a
// throwaway one, made by test/suites/client_typescript.sh), test keys, and
// a superuser connection for set-up steps no role of the extension may
// run (set_order_domain, set_approvers, pg_terminate_backend).
import pg from 'pg';
import { keccak256, toBytes } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';

/** A viem account from keccak256('creative_defi test key <name>'), as test/interop does. */
export function testAccount(name) {
  return privateKeyToAccount(keccak256(toBytes(`creative_defi test key ${name}`)));
}

/** An ethers-shaped signer (getAddress, signTypedData(domain, types, value)) over a viem account. */
export function ethersShaped(account) {
  return {
    getAddress: async () => account.address,
    signTypedData: async (domain, types, value) => {
      const [primaryType] = Object.keys(types);
      return account.signTypedData({ domain, types, primaryType, message: value });
    },
  };
}

export async function admin(sql, values = []) {
  const c = new pg.Client();
  await c.connect();
  try {
    return (await c.query(sql, values)).rows;
  } finally {
    await c.end();
  }
}

/** A unique prefix per test run, so that refs and assets never collide across files. */
export const run = `${process.pid}-${Date.now()}`;

export const ETH = 'eip155:1/slip44:60';
export const USDC = 'eip155:8453/erc20:0x833589fcd6edb6e08f4c7c32d4f71b54bda02913';

/** A new asset id on the CryptoKitties contract, unique per call. */
let tokenCounter = 0;
export function newSong() {
  tokenCounter += 1;
  return `eip155:1/erc721:0x06012c8cf97bead5deae237070f9587f8e7a266d/${process.pid}${Date.now() % 100000}${tokenCounter}`;
}
