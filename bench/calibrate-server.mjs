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
const queryBodies = new Map([100, 10].map((limit) => [limit, JSON.stringify({ results: Array.from({ length: limit }, (_, i) => object(i)) })]));
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
    } else if (req.url.endsWith('/functions/benchTrivial')) body = '{"result":{"ok":true,"answer":42,"server":"bench"}}';
    else if (req.url.endsWith('/functions/benchQuery')) body = '{"result":{"count":10}}';
    else if (req.url.endsWith('/classes/GuardedObject')) {
      // the bench's beforeSave sets slug from title; the answer carries it, as both servers' do
      const { title } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      status = 201;
      body = JSON.stringify({ ...JSON.parse(created()), slug: title.toLowerCase().replace(/[^a-z0-9]+/g, '-') });
    } else if (req.url.endsWith('/users')) { status = 201; body = JSON.stringify({ ...JSON.parse(created()), sessionToken: `r:${n}` }); }
    else if (req.method === 'POST') { status = 201; body = created(); }
    else if (req.method === 'PUT') body = '{"updatedAt":"2026-01-01T00:00:00.000Z"}';
    else if (req.url.includes('?')) body = queryBodies.get(Number(new URL(req.url, 'http://x').searchParams.get('limit'))) ?? queryBodies.get(100);
    else body = JSON.stringify({ ...object(1), objectId: req.url.split('/').pop() });
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(body);
  });
}).listen(port, '127.0.0.1');
