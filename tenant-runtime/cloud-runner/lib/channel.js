'use strict';
// The runner's only link to its tenant runtime: newline-delimited JSON over stdin (from the runtime)
// and stdout (to it). No port is opened, so nothing else on the machine can call into the app's code,
// and the runner needs no address or key of its runtime at all.
const readline = require('node:readline');

const rawWrite = process.stdout.write.bind(process.stdout);
const pending = new Map();
let nextId = 1;
let handler = () => {};

let outgoing = [];
let flushing = false;

function flush() {
  flushing = false;
  if (outgoing.length === 0) {
    return;
  }
  const lines = outgoing;
  outgoing = [];
  rawWrite(lines.join(''));
}

// what the code printed just before it ended the process still reaches the log
process.on('exit', flush);

/**
 * Sends one message to the runtime. Messages of one turn of the event loop go out in one write: a write to a pipe
 * blocks, and one per message was a third of a busy runner's time.
 */
function send(message) {
  outgoing.push(JSON.stringify(message) + '\n');
  if (!flushing) {
    flushing = true;
    setImmediate(flush);
  }
}

/** Sends a request and resolves with the runtime's answer message. */
function request(message) {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    try {
      send({ ...message, id });
    } catch (e) {
      pending.delete(id);
      reject(e);
    }
  });
}

/** Calls `fn(message)` for every message the runtime starts (calls, pings); answers go to `request`'s promises. */
function onMessage(fn) {
  handler = fn;
}

function listen() {
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  lines.on('line', line => {
    if (!line) {
      return;
    }
    let message;
    try {
      message = JSON.parse(line);
    } catch {
      return;
    }
    if (message.t === 'reply') {
      const waiter = pending.get(message.id);
      if (waiter) {
        pending.delete(message.id);
        waiter.resolve(message);
      }
      return;
    }
    handler(message);
  });
  // The runtime went away: nothing is left to serve.
  lines.on('close', () => process.exit(0));
}

module.exports = { send, request, onMessage, listen };
