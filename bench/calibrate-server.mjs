// A fake Parse server that answers the bench workload with canned, valid responses and no work:
// `./reparse bench --calibrate` runs the load generator against it to show the client's own
// ceiling (req/s at ~100% of one core) and its CPU cost per request.
// node bench/calibrate-server.mjs PORT

import http from 'node:http';

const port = Number(process.argv[2]);
let n = 0;
const object = (i) => ({
  kind: 'seed', n: i, name: `bench-${i}`, score: 1.5, tags: ['alpha', 'beta'], active: true,
  objectId: `id${i}`, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z',
});
const queryBody = JSON.stringify({ results: Array.from({ length: 100 }, (_, i) => object(i)) });
const created = () => JSON.stringify({ objectId: `id${n++}`, createdAt: '2026-01-01T00:00:00.000Z' });

http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    let status = 200;
    let body;
    if (req.url.endsWith('/health')) body = '{"status":"ok"}';
    else if (req.url.endsWith('/batch')) {
      const { requests } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      body = `[${requests.map(() => `{"success":${created()}}`).join(',')}]`;
    } else if (req.method === 'POST') { status = 201; body = created(); }
    else if (req.method === 'PUT') body = '{"updatedAt":"2026-01-01T00:00:00.000Z"}';
    else if (req.url.includes('?')) body = queryBody;
    else body = JSON.stringify({ ...object(1), objectId: req.url.split('/').pop() });
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(body);
  });
}).listen(port, '127.0.0.1');
