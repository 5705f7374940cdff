// Signed orders and approvals through the client: the domain and types
// come from the database, any viem or ethers-shaped wallet signs, the
// database checks; a resubmitted order returns its original result.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreativeDefi, OrderSignatureError, NonceCancelledError, NonceUsedError, OrderExpiredError, InsufficientBalanceError,
} from '../dist/index.js';
import { ETH, admin, ethersShaped, newSong, run, testAccount } from './helpers.mjs';

const db = new CreativeDefi();
const alice = testAccount('alice');
const bob = testAccount('bob');
const creator = testAccount('creator');
const song = newSong();
const far = 4102444800n; // 2100-01-01
const nonceBase = BigInt(Date.now()) * 1000n;

before(async () => {
  await admin(`SELECT creative_defi.set_order_domain('client_test', '1', 31337, '0x00000000000000000000000000000000c11e4700')`);
  await db.registerAsset({ asset: song, currency: ETH, curve: 'linear(base=100, slope=10)', split: `${creator.address}=100%`,
                           creator: creator.address, royaltyBps: 250 });
  await db.deposit({ account: alice.address, asset: ETH, amount: 10n ** 6n, ref: `${run}-orders-alice` });
});
after(() => db.end());

test('the domain and types come from the database', async () => {
  const d = await db.orderDomain();
  assert.deepEqual(d, { name: 'client_test', version: '1', chainId: 31337n, verifyingContract: '0x00000000000000000000000000000000c11e4700' });
  const t = await db.orderTypes();
  assert.deepEqual(t.Buy.map((f) => f.name), ['signer', 'asset', 'amount', 'maxCost', 'nonce', 'deadline']);
});

test('a viem account signs a Buy; execute_order runs it; a resubmission returns the original result', async () => {
  const signed = await db.signOrder(alice, 'Buy', { asset: song, amount: 3n, maxCost: 500n, nonce: nonceBase + 1n, deadline: far });
  assert.equal(signed.typedData.message.amount, '3');
  assert.equal(signed.typedData.message.signer, alice.address);
  const r = await db.executeOrder(signed);
  assert.equal(r.kind, 'Buy');
  assert.equal(r.signer.toLowerCase(), alice.address.toLowerCase());
  assert.equal(r.nonce, nonceBase + 1n);
  assert.deepEqual(r.result, { bought: 3n, cost: 330n, royalty: 9n, paid: 339n, txn_id: r.txnId });
  const again = await db.executeOrder(signed);
  assert.deepEqual(again, r);
  assert.equal(await db.balance(alice.address, song), 3n);
});

test('an ethers-shaped signer signs a Sell and a Transfer', async () => {
  const wallet = ethersShaped(alice);
  const s = await db.placeOrder(wallet, 'Sell', { asset: song, amount: 1n, minProceeds: 0n, nonce: nonceBase + 2n, deadline: far });
  assert.equal(s.kind, 'Sell');
  assert.equal(s.result.sold, 1n);
  const t = await db.placeOrder(wallet, 'Transfer', { to: bob.address, asset: song, amount: 1n, nonce: nonceBase + 3n, deadline: far });
  assert.equal(t.result.moved, 1n);
  assert.equal(await db.balance(bob.address, song), 1n);
});

test('order errors arrive as typed errors', async () => {
  const signed = await db.signOrder(alice, 'Buy', { asset: song, amount: 1n, maxCost: 500n, nonce: nonceBase + 4n, deadline: far });
  const tampered = { ...signed, typedData: { ...signed.typedData, message: { ...signed.typedData.message, amount: '2' } } };
  await assert.rejects(db.executeOrder(tampered), (e) => e instanceof OrderSignatureError && e.sqlstate === 'CD022');
  const expired = await db.signOrder(alice, 'Buy', { asset: song, amount: 1n, maxCost: 500n, nonce: nonceBase + 5n, deadline: 1n });
  await assert.rejects(db.executeOrder(expired), (e) => e instanceof OrderExpiredError && e.deadline === 1n);
  const c = await db.cancelNonce(alice, nonceBase + 6n);
  assert.equal(c.nonce, nonceBase + 6n);
  await assert.rejects(db.placeOrder(alice, 'Buy', { asset: song, amount: 1n, maxCost: 500n, nonce: nonceBase + 6n, deadline: far }),
    (e) => e instanceof NonceCancelledError && e.nonce === nonceBase + 6n && e.signer.toLowerCase() === alice.address.toLowerCase());
  await assert.rejects(db.placeOrder(alice, 'Buy', { asset: song, amount: 2n, maxCost: 900n, nonce: nonceBase + 1n, deadline: far }),
    (e) => e instanceof NonceUsedError && e.nonce === nonceBase + 1n);
  await assert.rejects(db.placeOrder(bob, 'Withdraw', { recipient: bob.address, asset: ETH, amount: 10n ** 40n, nonce: nonceBase + 7n, deadline: far }),
    (e) => e instanceof InsufficientBalanceError && e.needed === 10n ** 40n && e.held === 0n);
  await assert.rejects(db.signOrder(alice, 'Buy', { asset: song, amount: 1, maxCost: 500n, nonce: nonceBase + 8n, deadline: far }), TypeError);
});

test('approvals: propose a royalty change, the approvers sign, it applies', async () => {
  const a1 = testAccount('approver-1');
  const a2 = testAccount('approver-2');
  await admin(`SELECT creative_defi.set_approvers($1, ARRAY[$2, $3]::creative_defi.eth_address[], 2)`, [song, a1.address, a2.address]);
  const id = await db.proposeChange({ asset: song, change: { royalty_bps: 300 }, proposer: creator.address });
  assert.equal(typeof id, 'bigint');
  const first = await db.approveChange(a1, id);
  assert.deepEqual({ approvals: first.approvals, required: first.required, applied: first.applied }, { approvals: 1, required: 2, applied: false });
  const second = await db.approveChange(ethersShaped(a2), id);
  assert.equal(second.applied, true);
  assert.equal(typeof second.txnId, 'bigint');
  const [row] = await db.query('SELECT royalty_bps FROM creative_defi.ledger_assets WHERE asset OPERATOR(creative_defi.=) $1::creative_defi.asset', [song]);
  assert.equal(row.royalty_bps, 300);
});
