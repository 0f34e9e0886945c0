// A local module, required by main.js as './lib/greeting.js' (the app's own files must be requirable).
'use strict';

function greet(name) {
  return `Hello, ${name}!`;
}

module.exports = { greet };
