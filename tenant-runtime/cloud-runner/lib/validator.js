'use strict';
// Validators of functions and triggers: a function, or Parse Server's declarative options (requireUser,
// requireMaster, requireAnyUserRoles, requireAllUserRoles, requireUserKeys, fields, skipWithMasterKey,
// validateMasterKey). Failures are Parse error 142 with Parse Server's messages, which apps match on.

const VALIDATION_ERROR = 142;

function fail(message) {
  const error = new Error(message);
  error.validation = true;
  throw error;
}

/** Runs the validator of a function or trigger; throws a Parse.Error (142 unless the validator threw one). */
async function validate(Parse, validator, request, roles) {
  if (!validator) {
    return;
  }
  try {
    if (typeof validator === 'function') {
      await validator(request);
    } else if (!(request.master && (validator.skipWithMasterKey || !validator.validateMasterKey))) {
      await checkOptions(validator, request, roles);
    }
  } catch (e) {
    throw toParseError(Parse, e);
  }
}

function toParseError(Parse, e) {
  if (e instanceof Parse.Error) {
    return e;
  }
  if (!e) {
    return new Parse.Error(VALIDATION_ERROR, 'Validation failed.');
  }
  return new Parse.Error(VALIDATION_ERROR, typeof e === 'string' ? e : e.message || String(e));
}

async function checkOptions(options, request, roles) {
  const user = request.user
    || (request.object && request.object.className === '_User' && !request.object.existed() ? request.object : null);
  if ((options.requireUser || options.requireAnyUserRoles || options.requireAllUserRoles) && !user) {
    fail('Validation failed. Please login to continue.');
  }
  if (options.requireMaster && !request.master) {
    fail('Validation failed. Master key is required to complete this request.');
  }
  const data = request.object ? request.object.toJSON() : request.params || {};
  await checkFields(options.fields, data, request);
  await checkRoles(options, roles);
  await checkUserKeys(options.requireUserKeys, user);
}

function requirePresent(data, key) {
  if (data[key] === undefined || data[key] === null) {
    fail(`Validation failed. Please specify data for ${key}.`);
  }
}

async function checkFields(fields, data, request) {
  if (!fields) {
    return;
  }
  if (Array.isArray(fields)) {
    fields.forEach(key => requirePresent(data, key));
    return;
  }
  const pending = [];
  for (const [key, option] of Object.entries(fields)) {
    if (typeof option === 'string') {
      requirePresent(data, option);
      continue;
    }
    if (!option || typeof option !== 'object') {
      continue;
    }
    let value = data[key];
    if (option.default !== undefined && option.default !== null && (value === undefined || value === null)) {
      value = option.default;
      data[key] = value;
      if (request.object) {
        request.object.set(key, value);
      }
    }
    if (option.constant && request.object) {
      if (request.original) {
        request.object.revert(key);
      } else if (option.default !== undefined && option.default !== null) {
        request.object.set(key, option.default);
      }
    }
    if (option.required) {
      requirePresent(data, key);
    }
    if (!option.required && value === undefined) {
      continue;
    }
    if (option.type) {
      const expected = typeName(option.type);
      const actual = Array.isArray(value) ? 'array' : typeof value;
      if (actual !== expected) {
        fail(`Validation failed. Invalid type for ${key}. Expected: ${expected}`);
      }
    }
    if (option.options) {
      pending.push(checkAllowed(option, key, value));
    }
  }
  await Promise.all(pending);
}

/** String -> 'string', Array -> 'array', a named function -> its lower-cased name. */
function typeName(type) {
  if (typeof type === 'string') {
    return type.toLowerCase();
  }
  const match = typeof type === 'function' && /^\s*function (\w+)/.exec(type.toString());
  return (match ? match[1] : type && type.name ? type.name : '').toLowerCase();
}

async function checkAllowed(option, key, value) {
  const allowed = option.options;
  if (typeof allowed === 'function') {
    let ok;
    try {
      ok = await allowed(value);
    } catch (e) {
      fail(option.error || (e && e.message) || e || `Validation failed. Invalid value for ${key}.`);
    }
    if (!ok && ok !== undefined && ok !== null) {
      fail(option.error || `Validation failed. Invalid value for ${key}.`);
    }
    return;
  }
  const list = Array.isArray(allowed) ? allowed : [allowed];
  if (!list.includes(value)) {
    fail(option.error || `Validation failed. Invalid option for ${key}. Expected: ${list.join(', ')}`);
  }
}

async function checkRoles(options, roles) {
  let any = options.requireAnyUserRoles;
  let all = options.requireAllUserRoles;
  if (!any && !all) {
    return;
  }
  if (typeof any === 'function') {
    any = await any();
  }
  if (typeof all === 'function') {
    all = await all();
  }
  const held = new Set(roles || []);
  if (Array.isArray(any) && !any.some(role => held.has(role))) {
    fail('Validation failed. User does not match the required roles.');
  }
  if (Array.isArray(all) && !all.every(role => held.has(role))) {
    fail('Validation failed. User does not match all the required roles.');
  }
}

async function checkUserKeys(userKeys, user) {
  if (!userKeys) {
    return;
  }
  if (Array.isArray(userKeys)) {
    for (const key of userKeys) {
      if (!user) {
        fail('Please login to make this request.');
      }
      if (user.get(key) === undefined || user.get(key) === null) {
        fail(`Validation failed. Please set data for ${key} on your account.`);
      }
    }
    return;
  }
  const pending = [];
  for (const [key, option] of Object.entries(userKeys)) {
    if (!user) {
      fail('Please login to make this request.');
    }
    if (option && option.options) {
      pending.push(checkAllowed(option, key, user.get(key)));
    }
  }
  await Promise.all(pending);
}

module.exports = { validate };
