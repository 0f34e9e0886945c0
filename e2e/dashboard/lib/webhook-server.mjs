// A tiny HTTP server on loopback that plays the app's webhooks: it records every call the Parse
// server makes to it and answers in the Cloud Code webhook protocol.
import http from 'node:http';

export class WebhookServer {
  constructor() {
    this.calls = [];
    this.server = http.createServer((request, response) => this.#answer(request, response));
  }

  /** Starts listening on a free loopback port; answers the base URL (`http://127.0.0.1:<port>`). */
  async start() {
    await new Promise(resolve => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${this.server.address().port}`;
    return this.url;
  }

  async stop() {
    this.server.closeAllConnections();
    await new Promise(resolve => this.server.close(resolve));
  }

  /** Calls to paths starting with `prefix` (a trigger's body carries `triggerName` and `object`). */
  callsTo(prefix) {
    return this.calls.filter(call => call.path.startsWith(prefix));
  }

  #answer(request, response) {
    let text = '';
    request.setEncoding('utf8');
    request.on('data', chunk => (text += chunk));
    request.on('end', () => {
      let body = {};
      try {
        body = JSON.parse(text || '{}');
      } catch {
        body = { unparsed: text };
      }
      this.calls.push({ path: request.url, headers: request.headers, body });
      // A function answers a text naming the path it was served from (so an edited URL shows);
      // a beforeSave answers the object with one field added by the hook.
      const success = body.triggerName
        ? { ...body.object, hookedBy: request.url }
        : `webhook ${request.url} answered`;
      response.setHeader('Content-Type', 'application/json');
      response.end(JSON.stringify({ success }));
    });
  }
}
