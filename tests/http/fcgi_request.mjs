// One FastCGI request straight to the pool's socket, past nginx: what a
// process on the host that can reach the socket could send.
//   node fcgi_request.mjs SOCKET NAME=VALUE...
// Prints the response as the pool wrote it (CGI headers, a blank line, the
// body). Plain node, no packages.
import net from "node:net";

const [socket, ...pairs] = process.argv.slice(2);
const params = pairs.map((p) => {
  const i = p.indexOf("=");
  return [p.slice(0, i), p.slice(i + 1)];
});

function record(type, content) {
  const pad = (8 - (content.length % 8)) % 8;
  const head = Buffer.from([1, type, 0, 1, content.length >> 8, content.length & 255, pad, 0]);
  return Buffer.concat([head, content, Buffer.alloc(pad)]);
}

function length(n) {
  return n < 128 ? Buffer.from([n]) : Buffer.from([(n >>> 24) | 0x80, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);
}

const body = Buffer.concat(
  params.map(([k, v]) => {
    const kb = Buffer.from(k), vb = Buffer.from(v);
    return Buffer.concat([length(kb.length), length(vb.length), kb, vb]);
  }),
);

const out = [];
let pending = Buffer.alloc(0);
const conn = net.createConnection(socket, () => {
  conn.write(record(1, Buffer.from([0, 1, 0, 0, 0, 0, 0, 0]))); // BEGIN_REQUEST, responder
  conn.write(record(4, body));
  conn.write(record(4, Buffer.alloc(0)));
  conn.write(record(5, Buffer.alloc(0)));
});
conn.on("data", (chunk) => {
  pending = Buffer.concat([pending, chunk]);
  while (pending.length >= 8) {
    const type = pending[1], len = (pending[4] << 8) | pending[5], pad = pending[6];
    if (pending.length < 8 + len + pad) break;
    if (type === 6) out.push(pending.subarray(8, 8 + len));
    pending = pending.subarray(8 + len + pad);
    if (type === 3) {
      process.stdout.write(Buffer.concat(out));
      conn.end();
      return;
    }
  }
});
conn.on("error", (e) => {
  console.error(`fcgi_request: ${e.message}`);
  process.exit(2);
});
