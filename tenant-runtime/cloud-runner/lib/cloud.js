'use strict';
// Parse.Cloud as the app's code sees it: define, job, the triggers and httpRequest, on top of the SDK's own
// Parse.Cloud (run, startJob, getJobStatus, which go through the runner's channel like every SDK call).
const registry = require('./registry');
const { httpRequest } = require('./http-request');

/** `(className, handler, validator)`, or `(handler, validator)` for triggers with a fixed class. */
function triggerArgs(args, fixedClass) {
  const [first, second, third] = args;
  if (fixedClass && typeof first === 'function' && !first.className && !/^Parse/.test(first.name || '')) {
    return { className: fixedClass, handler: first, validator: second };
  }
  return { className: registry.classNameOf(first), handler: second, validator: third };
}

function install(Parse) {
  const Cloud = Parse.Cloud;
  Cloud.define = (name, handler, validator) => registry.addFunction(name, handler, validator);
  Cloud.job = (name, handler) => registry.addJob(name, handler);
  for (const triggerName of ['beforeSave', 'afterSave', 'beforeDelete', 'afterDelete', 'beforeFind', 'afterFind']) {
    Cloud[triggerName] = (...args) => {
      const { className, handler, validator } = triggerArgs(args);
      registry.addTrigger(triggerName, className, handler, validator);
    };
  }
  const fixed = { beforeLogin: '_User', afterLogin: '_User', beforePasswordResetRequest: '_User',
    afterLogout: '_Session' };
  for (const [triggerName, className] of Object.entries(fixed)) {
    Cloud[triggerName] = (...args) => {
      const parsed = triggerArgs(args, className);
      registry.addTrigger(triggerName, parsed.className, parsed.handler, parsed.validator);
    };
  }
  // LiveQuery: beforeConnect has the fixed class '@Connect', as in Parse Server; onLiveQueryEvent (server-wide
  // connection events) is accepted so that apps load, and never called.
  Cloud.beforeConnect = (handler, validator) => registry.addTrigger('beforeConnect', '@Connect', handler, validator);
  for (const triggerName of ['beforeSubscribe', 'afterLiveQueryEvent']) {
    Cloud[triggerName] = (...args) => {
      const { className, handler, validator } = triggerArgs(args);
      registry.addTrigger(triggerName, className, handler, validator);
    };
  }
  Cloud.onLiveQueryEvent = () => {};
  Cloud.httpRequest = httpRequest;
}

module.exports = { install };
