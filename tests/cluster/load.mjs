// The cluster suite's load (node, no packages): guests' and buyers' reads,
// buyers submitting and paying orders, and a partner reading its event
// feed, all through nginx, for a bounded time.
// Usage: node load.mjs BASE SECONDS LOGFILE
//   env BUYERS (a file: one "cookie<TAB>csrf" line per buyer), PRODUCT, SPEC,
//   PERIOD, READ_PATHS (space-separated), PARTNER_KEY, PARTNER_SECRET,
//   FEED_AFTER (the vendor's last event sequence before the load)
// Every request leaves a line in LOGFILE: "ms kind status latency_ms"
// (ms since the epoch when it ended; status 0 when the connection failed).
// A submission or payment answered 502, 503, 504 or not at all is sent
// again with the same form (the same idempotency key) until it is answered,
// as a browser's reload would; "ms ack order NO" and "ms ack pay NO" lines
// record the answers that acknowledged one, "ms seq SEQ" lines each event
// the partner read.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';

const [base, secondsArg, logFile] = process.argv.slice(2);
const env = process.env;
const until = Date.now() + Number(secondsArg) * 1000;
const buyers = readFileSync(env.BUYERS, 'utf8').trim().split('\n').map((l) => l.split('\t'));
const readPaths = (env.READ_PATHS ?? '/').split(' ').filter(Boolean);
const lines = [];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const unanswered = (s) => s === 0 || s === 502 || s === 503 || s === 504;

function log(line) {
  lines.push(line);
  if (lines.length >= 200) flush();
}
function flush() {
  if (lines.length) appendFileSync(logFile, lines.join('\n') + '\n');
  lines.length = 0;
}

async function call(kind, method, path, { cookie, form, headers = {} } = {}) {
  const init = { method, redirect: 'manual', headers: { ...headers }, signal: AbortSignal.timeout(60000) };
  if (cookie) init.headers.cookie = cookie;
  if (form) {
    init.body = new URLSearchParams(form).toString();
    init.headers['content-type'] = 'application/x-www-form-urlencoded';
  }
  const t0 = Date.now();
  let status = 0, location = '', text = '';
  try {
    const res = await fetch(base + path, init);
    status = res.status;
    location = res.headers.get('location') ?? '';
    text = await res.text();
  } catch {
    status = 0;
  }
  log(`${Date.now()} ${kind} ${status} ${Date.now() - t0}`);
  return { status, location, text };
}

// a POST sent until it is answered (same form, same idempotency key)
async function until_answered(kind, path, opts) {
  for (let i = 0; i < 200; i++) {
    const r = await call(kind, 'POST', path, opts);
    if (!unanswered(r.status)) return r;
    await sleep(250);
  }
  return { status: 0, location: '', text: '' };
}

async function reader(k) {
  // reads ask the pool itself (past nginx's one-second copy of guests' pages)
  for (let i = k; Date.now() < until; i++) {
    await call('read', 'GET', readPaths[i % readPaths.length], { headers: { 'cache-control': 'no-cache' } });
    await sleep(40);
  }
}

async function buyerReader([cookie]) {
  while (Date.now() < until) {
    await call('read', 'GET', '/orders', { cookie });
    await sleep(100);
  }
}

async function writer([cookie, csrf]) {
  const q = `product=${env.PRODUCT}&spec=${env.SPEC}&period=${env.PERIOD}`;
  while (Date.now() < until) {
    const confirm = await call('read', 'GET', `/buy?${q}`, { cookie, headers: { accept: 'application/xml' } });
    const idem = /idem="([0-9a-f]+)"/.exec(confirm.text)?.[1];
    if (!idem) {
      await sleep(100);
      continue;
    }
    const form = { csrf, product: env.PRODUCT, spec: env.SPEC, period: env.PERIOD, idem };
    const r = await until_answered('order', '/orders', { cookie, form });
    const no = /\/orders\/([0-9]+)\/pay$/.exec(r.location)?.[1];
    if (!no) continue;
    log(`${Date.now()} ack order ${no}`);
    const p = await until_answered('pay', `/orders/${no}/pay`, { cookie, form: { csrf, method: 'balance' } });
    if (/\/payments\/[0-9]+$/.test(p.location)) log(`${Date.now()} ack pay ${no}`);
  }
}

// the partner's feed, signed as tests/lib.sh's preq signs
let writersDone = false;
async function partner() {
  let after = Number(env.FEED_AFTER ?? 0);
  let last = false;
  for (;;) {
    const path = '/partner/v1/events';
    const query = `after=${after}&limit=50`;
    const ts = Math.floor(Date.now() / 1000);
    const nonce = randomBytes(12).toString('hex');
    const digest = createHash('sha256').update('').digest('hex');
    const sts = ['GET', path, query, ts, nonce, digest].join('\n');
    const sig = createHmac('sha256', env.PARTNER_SECRET).update(sts).digest('hex');
    const r = await call('feed', 'GET', `${path}?${query}`, {
      headers: { 'x-mp-key': env.PARTNER_KEY, 'x-mp-timestamp': ts, 'x-mp-nonce': nonce, 'x-mp-signature': sig },
    });
    if (r.status === 200) {
      for (const m of r.text.matchAll(/<event\b[^>]*\bseq="([0-9]+)"/g)) log(`${Date.now()} seq ${m[1]}`);
      after = Number(/<events\b[^>]*\bnext="([0-9]+)"/.exec(r.text)?.[1] ?? after);
      // done with the first empty page after the writers are done
      if (!/<events\b[^>]*\bmore="true"/.test(r.text)) {
        if (last) return;
        last = writersDone;
        await sleep(100);
      }
    } else {
      await sleep(200);
    }
  }
}

writeFileSync(logFile, '');
const tasks = [0, 1, 2].map(reader);
tasks.push(...buyers.map(writer), buyerReader(buyers[0]));
const feed = env.PARTNER_KEY ? partner() : Promise.resolve();
await Promise.all(tasks);
writersDone = true;
await feed;
flush();
