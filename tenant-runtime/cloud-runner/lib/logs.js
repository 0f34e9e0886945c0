'use strict';
// Everything the app's code prints goes to its runtime's script log, with a level: console.*, request.log.*,
// and bytes written straight to stdout/stderr (stdout is the channel, so nothing else may write there).
const util = require('node:util');
const channel = require('./channel');

const MAX_MESSAGE = 16 * 1024;

function write(level, message) {
  let text = String(message);
  if (text.length > MAX_MESSAGE) {
    text = text.slice(0, MAX_MESSAGE) + '… (truncated)';
  }
  channel.send({ t: 'log', level, message: text });
}

function format(args) {
  return util.formatWithOptions({ depth: 4, breakLength: Infinity }, ...args);
}

/** console.log/info/debug are info, warn is warn, error and trace are error. */
function captureConsole() {
  const levels = { log: 'info', info: 'info', debug: 'info', warn: 'warn', error: 'error', trace: 'error' };
  for (const [method, level] of Object.entries(levels)) {
    console[method] = (...args) => write(level, format(args));
  }
  process.stdout.write = (chunk, encoding, callback) => {
    write('info', Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk).replace(/\n$/, ''));
    if (typeof encoding === 'function') encoding();
    else if (typeof callback === 'function') callback();
    return true;
  };
  process.stderr.write = (chunk, encoding, callback) => {
    write('error', Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk).replace(/\n$/, ''));
    if (typeof encoding === 'function') encoding();
    else if (typeof callback === 'function') callback();
    return true;
  };
}

/** `request.log`: Parse Server's logger methods. */
function requestLogger() {
  const log = (level) => (...args) => write(level, format(args));
  return { info: log('info'), log: log('info'), debug: log('info'), verbose: log('info'), warn: log('warn'),
    error: log('error') };
}

module.exports = { write, captureConsole, requestLogger };
