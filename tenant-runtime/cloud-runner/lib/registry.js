'use strict';
// What the app's code registered: functions, triggers and jobs, each with its validator. The runtime learns
// the names once the code has loaded, so it only crosses to the runner for what exists.

const TRIGGERS = [
  'beforeSave', 'afterSave', 'beforeDelete', 'afterDelete', 'beforeFind', 'afterFind',
  'beforeLogin', 'afterLogin', 'afterLogout', 'beforePasswordResetRequest',
];

const functions = new Map();
const jobs = new Map();
const triggers = new Map();

function triggerKey(triggerName, className) {
  return triggerName + ' ' + className;
}

/** Parse.User -> _User, Parse.File -> @File, a subclass -> its class name, a string stays itself. */
function classNameOf(parseClass) {
  if (parseClass && parseClass.className) {
    return parseClass.className;
  }
  if (typeof parseClass === 'function' && parseClass.name) {
    return parseClass.name.replace(/^Parse/, '@');
  }
  return parseClass;
}

function checkName(kind, name) {
  if (typeof name !== 'string' || !name) {
    throw new Error(`${kind} needs a name`);
  }
  if (/['"`]/.test(name)) {
    throw new Error(`invalid ${kind} name: ${name}`);
  }
}

function checkTrigger(triggerName, className) {
  if (triggerName === 'beforeSave' && className === '_PushStatus') {
    throw new Error('Only afterSave is allowed on _PushStatus');
  }
  if ((triggerName === 'beforeLogin' || triggerName === 'afterLogin' || triggerName === 'beforePasswordResetRequest')
      && className !== '_User') {
    throw new Error(`Only the _User class is allowed for the ${triggerName} trigger`);
  }
  if (triggerName === 'afterLogout' && className !== '_Session') {
    throw new Error('Only the _Session class is allowed for the afterLogout trigger.');
  }
  if (className === '_Session' && triggerName !== 'afterLogout') {
    throw new Error('Only the afterLogout trigger is allowed for the _Session class.');
  }
}

function addFunction(name, handler, validator) {
  checkName('function', name);
  if (typeof handler !== 'function') {
    throw new Error(`Parse.Cloud.define("${name}") needs a handler function`);
  }
  functions.set(name, { handler, validator });
}

function addJob(name, handler) {
  checkName('job', name);
  if (typeof handler !== 'function') {
    throw new Error(`Parse.Cloud.job("${name}") needs a handler function`);
  }
  jobs.set(name, { handler });
}

function addTrigger(triggerName, className, handler, validator) {
  checkName('class', className);
  checkTrigger(triggerName, className);
  if (typeof handler !== 'function') {
    throw new Error(`Parse.Cloud.${triggerName}("${className}") needs a handler function`);
  }
  triggers.set(triggerKey(triggerName, className), { handler, validator, triggerName, className });
}

function getFunction(name) {
  return functions.get(name);
}

function getJob(name) {
  return jobs.get(name);
}

function getTrigger(triggerName, className) {
  return triggers.get(triggerKey(triggerName, className));
}

/** What the runtime needs to know: names only. */
function manifest() {
  return {
    functions: [...functions.keys()],
    jobs: [...jobs.keys()],
    triggers: [...triggers.values()].map(({ triggerName, className }) => ({ triggerName, className })),
  };
}

module.exports = {
  TRIGGERS, classNameOf, addFunction, addJob, addTrigger, getFunction, getJob, getTrigger, manifest,
};
