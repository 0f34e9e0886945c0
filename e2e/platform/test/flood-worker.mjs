// The flooding client of isolation.test.mjs, in its own thread (own event loop), so the flood's
// bookkeeping does not delay the other app's latency samples taken on the main thread.
import { parentPort, workerData } from 'node:worker_threads';

const { url, headers, perTick, tickMs, maxInFlight } = workerData;
const counts = {};
let wrongBody;
let inFlight = 0;
const sent = [];
const bump = (key) => { counts[key] = (counts[key] ?? 0) + 1; };

const ticker = setInterval(() => {
  for (let i = 0; i < perTick && inFlight < maxInFlight; i++) {
    inFlight++;
    sent.push(fetch(url, { headers }).then(async (res) => {
      const text = await res.text();
      bump(String(res.status));
      if (res.status === 429) {
        let body;
        try { body = JSON.parse(text); } catch { body = text; }
        if (body?.code !== 155 || res.headers.get('retry-after') !== '1') wrongBody = body;
      }
    }, (e) => bump(String(e.cause?.code ?? e.message))).finally(() => { inFlight--; }));
  }
}, tickMs);

parentPort.on('message', async () => {
  clearInterval(ticker);
  await Promise.all(sent);
  parentPort.postMessage({ counts, wrongBody });
});
