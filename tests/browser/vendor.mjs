// A vendor's app, as small as it can be, for the browser story: its
// free-login address (GET /sso?token=…) exchanges the token through the
// partner API for the buyer and shows who came in. Signs its requests the
// way the README tells vendors to (HMAC-SHA256 over the string to sign).
import { createServer } from 'node:http';
import { createHash, createHmac, randomBytes } from 'node:crypto';

const escape = s => String(s).replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);

// A signed partner request; resolves to { status, body }.
export async function partner(base, key, secret, method, path, body = '') {
  const ts = Math.floor(Date.now() / 1000).toString();
  const nonce = randomBytes(12).toString('hex');
  const [p, query = ''] = path.split('?');
  const canon = query.split('&').filter(Boolean).sort().join('&');
  const digest = createHash('sha256').update(body).digest('hex');
  const sts = [method, p, canon, ts, nonce, digest].join('\n');
  const sig = createHmac('sha256', secret).update(sts).digest('hex');
  const res = await fetch(base + path, {
    method,
    body: method === 'GET' ? undefined : body,
    headers: { 'X-MP-Key': key, 'X-MP-Timestamp': ts, 'X-MP-Nonce': nonce, 'X-MP-Signature': sig,
               'Content-Type': 'application/xml' },
  });
  return { status: res.status, body: await res.text() };
}

// Starts the vendor's server on 127.0.0.1:port; resolves to
// { url, visits, close } where visits lists every free login it saw.
export function startVendor({ port, base, key, secret }) {
  const visits = [];
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, `http://127.0.0.1:${port}`);
    if (url.pathname !== '/sso') {
      res.writeHead(url.pathname === '/favicon.ico' ? 204 : 404).end();
      return;
    }
    const token = url.searchParams.get('token') || '';
    const verify = await partner(base, key, secret, 'POST', '/partner/v1/free-login/verify',
      `<free-login-verify><token>${escape(token)}</token></free-login-verify>`);
    const openId = (verify.body.match(/open-id="([0-9a-f]+)"/) || [])[1] || '';
    const instance = (verify.body.match(/<instance no="([^"]+)"/) || [])[1] || '';
    visits.push({ token, status: verify.status, openId, instance });
    const ok = verify.status === 200;
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Vendor app</title>
<style>body { font-family: sans-serif; margin: 1em; } p { overflow-wrap: anywhere; }</style></head><body>
<h1>Vendor app</h1>
<p id="token">token: ${escape(token)}</p>
<p id="verdict">${ok ? 'verified' : 'refused'} (${verify.status})</p>
<p id="open-id">${escape(openId)}</p>
<p id="instance">${escape(instance)}</p>
</body></html>`);
  });
  return new Promise(resolve => server.listen(port, '127.0.0.1', () => resolve({
    url: `http://127.0.0.1:${port}/sso`,
    visits,
    close: () => new Promise(r => server.close(r)),
  })));
}
