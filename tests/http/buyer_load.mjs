// Scripted concurrent clients for one signed-in buyer (node, no packages).
// Usage: node buyer_load.mjs BASE MODE N
//   env COOKIE (a Cookie header), CSRF, PRODUCT, SPEC, PERIOD
// Modes:
//   tabs N       one tab submits N orders while another pays each as it appears
//   doublepay N  N orders, each paid by 5 concurrent POSTs
//   cancelpay N  N orders, each cancelled and paid at the same moment
// Prints one JSON line: counts of HTTP statuses per kind of request, and
// the order numbers it made.
const [base, mode, nArg] = process.argv.slice(2);
const n = Number(nArg);
const { COOKIE, CSRF, PRODUCT, SPEC, PERIOD } = process.env;
const counts = {};
const orders = [];

function count(kind, status) {
  counts[kind] ??= {};
  counts[kind][status] = (counts[kind][status] ?? 0) + 1;
}

async function call(kind, method, path, form) {
  const init = { method, redirect: 'manual', headers: { cookie: COOKIE } };
  if (form) {
    init.body = new URLSearchParams({ csrf: CSRF, ...form }).toString();
    init.headers['content-type'] = 'application/x-www-form-urlencoded';
  } else {
    init.headers.accept = 'application/xml';
  }
  let res;
  try {
    res = await fetch(base + path, init);
  } catch (e) {
    count(kind, 'dropped');
    return { status: 0, location: '', text: '' };
  }
  count(kind, res.status);
  return { status: res.status, location: res.headers.get('location') ?? '', text: await res.text() };
}

async function submit() {
  const q = `product=${PRODUCT}&spec=${SPEC}&period=${PERIOD}`;
  const confirm = await call('confirm', 'GET', `/buy?${q}`);
  const idem = /idem="([0-9a-f]+)"/.exec(confirm.text)?.[1] ?? '';
  const r = await call('submit', 'POST', '/orders', { product: PRODUCT, spec: SPEC, period: PERIOD, idem });
  const no = /\/orders\/([0-9]+)\/pay$/.exec(r.location)?.[1];
  if (no) orders.push(no);
  return no;
}

const pay = (no) => call('pay', 'POST', `/orders/${no}/pay`, { method: 'balance' });
const cancel = (no) => call('cancel', 'POST', `/orders/${no}/cancel`, {});

async function tabs() {
  const queue = [];
  let submitting = true;
  const tabA = (async () => {
    for (let i = 0; i < n; i++) {
      const no = await submit();
      if (no) queue.push(no);
    }
    submitting = false;
  })();
  const tabB = (async () => {
    while (submitting || queue.length) {
      const no = queue.shift();
      if (no) await pay(no);
      else await new Promise((r) => setTimeout(r, 2));
    }
  })();
  await Promise.all([tabA, tabB]);
}

async function doublepay() {
  for (let i = 0; i < n; i++) {
    const no = await submit();
    if (no) await Promise.all([pay(no), pay(no), pay(no), pay(no), pay(no)]);
  }
}

async function cancelpay() {
  for (let i = 0; i < n; i++) {
    const no = await submit();
    if (no) await Promise.all([cancel(no), pay(no)]);
  }
}

await { tabs, doublepay, cancelpay }[mode]();
console.log(JSON.stringify({ mode, counts, orders }));
