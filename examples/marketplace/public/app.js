// The marketplace page: no build step, no library.  It asks the server for
// the works and quotes, asks the browser wallet (EIP-1193, window.ethereum:
// MetaMask in real use) to sign the Buy order the server built from the
// database's EIP-712 domain and types, submits it, and follows holdings and
// trades (server-sent events from the ledger event feed).
'use strict';
let account = null;

async function api(path, options) {
  const res = await fetch(path, options && { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(options) });
  const body = await res.json();
  if (!res.ok) throw new Error(body.error);
  return body;
}

function curveSvg(points) {
  const w = 320, h = 120;
  const xs = points.map((p) => Number(p[0])), ys = points.map((p) => Number(p[1]));
  const maxX = Math.max(...xs) || 1, maxY = Math.max(...ys) || 1;
  const pts = points.map((p, i) => `${(xs[i] / maxX) * w},${h - (ys[i] / maxY) * h}`).join(' ');
  return `<svg width="${w}" height="${h}" viewBox="0 0 ${w} ${h}"><polyline fill="none" stroke="#36c" stroke-width="2" points="${pts}"/></svg>`;
}

function el(html) {
  const t = document.createElement('template');
  t.innerHTML = html.trim();
  return t.content.firstChild;
}

async function loadWorks() {
  const works = await api('/api/works');
  const box = document.getElementById('works');
  for (const w of works) {
    const shown = box.querySelector(`.work[data-asset="${w.asset}"]`);
    if (shown) { // after a trade: the new supply and curve, the card's quote and message kept
      shown.querySelector('.supply').textContent = w.supply;
      shown.querySelector('svg').outerHTML = curveSvg(w.points);
      continue;
    }
    const card = el(`<div class="work" data-asset="${w.asset}">
      <h3>${w.title ?? w.asset}</h3>
      <p>Supply <span class="supply">${w.supply}</span>; royalty ${w.royalty_bps / 100}%; curve <code>${w.curve}</code></p>
      ${curveSvg(w.points)}
      <p><label>Units <input class="amount" type="number" min="1" value="1"></label>
         <button class="quote-button">Quote</button> <button class="buy-button" disabled>Buy</button></p>
      <p class="quote"></p><p class="message"></p></div>`);
    card.querySelector('.quote-button').onclick = () => quote(card);
    card.querySelector('.buy-button').onclick = () => buy(card);
    box.appendChild(card);
  }
}

async function quote(card) {
  const msg = card.querySelector('.message');
  msg.textContent = '';
  try {
    const q = await api(`/api/quote?asset=${encodeURIComponent(card.dataset.asset)}&amount=${card.querySelector('.amount').value}`);
    card.dataset.total = q.total;
    card.querySelector('.quote').textContent =
      `Cost ${q.cost} + royalty ${q.royalty} = ${q.total}; price impact ${(Number(q.impactBps) / 100).toFixed(2)}%`;
    card.querySelector('.buy-button').disabled = false;
  } catch (e) {
    msg.className = 'message error';
    msg.textContent = e.message;
  }
}

async function buy(card) {
  const msg = card.querySelector('.message');
  msg.className = 'message';
  msg.textContent = 'Waiting for your wallet…';
  try {
    if (!account) await connect();
    const typedData = await api('/api/order-to-sign', { account, asset: card.dataset.asset,
      amount: card.querySelector('.amount').value, maxCost: card.dataset.total });
    const signature = await window.ethereum.request({ method: 'eth_signTypedData_v4', params: [account, JSON.stringify(typedData)] });
    const r = await api('/api/orders', { typedData, signature });
    msg.textContent = `Bought ${r.result.bought} for ${r.result.paid} (transaction ${r.txnId}).`;
    await Promise.all([loadHoldings(), loadWorks()]);
  } catch (e) {
    msg.className = 'message error';
    msg.textContent = e.message;
  }
}

async function loadHoldings() {
  if (!account) return;
  const h = await api(`/api/holdings?account=${account}`);
  document.getElementById('holdings').innerHTML = h.map((x) => `<li data-asset="${x.asset}">${x.amount} of ${x.asset}</li>`).join('') || '<li>Nothing yet.</li>';
}

const shownTrades = new Set();
function showTrade(t) {
  if (shownTrades.has(t.seq)) return; // the first list and the stream may overlap
  shownTrades.add(t.seq);
  const list = document.getElementById('trades');
  list.prepend(el(`<li data-seq="${t.seq}">${t.kind} ${t.amount} of ${t.asset} by ${t.account}</li>`));
  loadHoldings();
}

async function connect() {
  if (!window.ethereum) throw new Error('No wallet found: install MetaMask or another EIP-1193 wallet.');
  [account] = await window.ethereum.request({ method: 'eth_requestAccounts' });
  document.getElementById('account').textContent = account;
  await loadHoldings();
}

document.getElementById('connect').onclick = () => connect().catch((e) => { document.getElementById('account').textContent = e.message; });
loadWorks();
api('/api/trades').then((ts) => ts.slice().reverse().forEach(showTrade));
new EventSource('/api/events').onmessage = (m) => showTrade(JSON.parse(m.data));
