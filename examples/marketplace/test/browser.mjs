// The marketplace's browser test: Debian's Chromium, headless, driven by
// puppeteer-core, with an injected EIP-1193 test wallet whose signatures
// come from a viem account in this process.  Load, quote, sign, buy, see the
// holding and the trade appear; an order beyond the wallet's funds shows
// the refusal in words.  A screenshot is kept (MARKETPLACE_SCREENSHOT).
// Prints "N passed, N failed"; exits non-zero on a failure.
//   node test/browser.mjs URL
import assert from 'node:assert/strict';
import puppeteer from 'puppeteer-core';
import { collector } from './collector.mjs';

const url = process.argv[2];
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
let passed = 0;
let failed = 0;
async function step(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`ok - ${name}`);
  } catch (e) {
    failed++;
    console.log(`not ok - ${name}: ${e.message}`);
  }
}

try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1100, height: 900 });
  page.on('pageerror', (e) => console.log(`page error: ${e.message}`));
  // the wallet: eth_requestAccounts and eth_signTypedData_v4, signed here
  await page.exposeFunction('__testWalletSign', async (json) => {
    const td = JSON.parse(json);
    const fields = td.types[td.primaryType];
    const message = Object.fromEntries(fields.map((f) => [f.name, f.type === 'uint256' ? BigInt(td.message[f.name]) : td.message[f.name]]));
    return collector.signTypedData({ domain: { ...td.domain, chainId: BigInt(td.domain.chainId) },
                                     types: { [td.primaryType]: fields }, primaryType: td.primaryType, message });
  });
  await page.evaluateOnNewDocument((address) => {
    window.ethereum = {
      isTestWallet: true,
      request: async ({ method, params }) => {
        if (method === 'eth_requestAccounts' || method === 'eth_accounts') return [address];
        if (method === 'eth_signTypedData_v4') return window.__testWalletSign(params[1]);
        throw Object.assign(new Error(`unsupported ${method}`), { code: 4200 });
      },
    };
  }, collector.address);

  await page.goto(url, { waitUntil: 'domcontentloaded' }); // never network-idle: the trades stream stays open
  const card = '.work[data-asset$="/1001"]';
  await step('the works are listed with their curves', async () => {
    await page.waitForSelector(`${card} svg polyline`, { timeout: 10000 });
    assert.equal(await page.$$eval('.work', (w) => w.length), 2);
    const points = await page.$eval(`${card} polyline`, (p) => p.getAttribute('points').split(' ').length);
    assert.ok(points > 10, `${points} points`);
  });
  await page.click('#connect');
  await step('a quote shows cost, royalty and price impact', async () => {
    await page.$eval(`${card} .amount`, (i) => { i.value = '3'; });
    await page.click(`${card} .quote-button`);
    await page.waitForFunction((c) => document.querySelector(`${c} .quote`).textContent.includes('Cost'), { timeout: 10000 }, card);
    const text = await page.$eval(`${card} .quote`, (q) => q.textContent);
    // linear(base=1000, slope=250) from supply 0: 1000 + 1250 + 1500 = 3750, 5% royalty 188
    assert.match(text, /Cost 3750 \+ royalty 188 = 3938; price impact 75\.00%/);
  });
  await step('the wallet signs, the order executes, the holding and the trade appear', async () => {
    await page.click(`${card} .buy-button`);
    await page.waitForFunction((c) => /Bought 3 for 3938/.test(document.querySelector(`${c} .message`).textContent), { timeout: 15000 }, card);
    await page.waitForSelector('#holdings li[data-asset$="/1001"]', { timeout: 10000 });
    assert.match(await page.$eval('#holdings li[data-asset$="/1001"]', (l) => l.textContent), /^3 of /);
    await page.waitForFunction(() => /buy 3 of .*\/1001 by 0x/i.test(document.getElementById('trades').textContent), { timeout: 10000 });
  });
  await page.screenshot({ path: process.env.MARKETPLACE_SCREENSHOT ?? 'marketplace.png', fullPage: true });
  await step('an order beyond the funds is refused in words', async () => {
    await page.$eval(`${card} .amount`, (i) => { i.value = '5000'; });
    await page.click(`${card} .quote-button`);
    await page.waitForFunction((c) => !document.querySelector(`${c} .buy-button`).disabled, { timeout: 10000 }, card);
    await page.click(`${card} .buy-button`);
    await page.waitForFunction((c) => document.querySelector(`${c} .message`).classList.contains('error'), { timeout: 15000 }, card);
    const text = await page.$eval(`${card} .message`, (m) => m.textContent);
    assert.match(text, /^Not enough funds: you hold \d+ and this needs \d+/);
    assert.doesNotMatch(text, /CD0/);
  });
} finally {
  await browser.close();
}
console.log(`marketplace browser: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed === 4 ? 0 : 1);
