// Helpers for the user, session, role and permission files: unique users and roles per run,
// removed again (with their sessions) in an `after` hook, and REST calls made as a user.
import { after } from 'node:test';
import { randomBytes } from 'node:crypto';
import { Parse, MASTER, rest } from './helpers.mjs';

const RUN_ID = randomBytes(4).toString('hex');
let counter = 0;
const createdUserIds = new Set();
const createdRoleIds = new Set();

/** A name unique to this run: letters, digits and underscores only (valid as username and role name). */
export function uniqueName(prefix) {
  counter += 1;
  return `${prefix}_${RUN_ID}_${counter}`;
}

/**
 * Signs a new user up through the SDK; returns `{user, token, username, password, email}`.
 * The user is deleted (with its sessions) when the file ends.
 */
export async function newUser(prefix = 'u', attrs = {}) {
  const username = uniqueName(prefix);
  const password = `pw-${randomBytes(6).toString('hex')}`;
  const email = `${username.toLowerCase()}@example.com`;
  const user = new Parse.User({ username, password, email, ...attrs });
  await user.signUp();
  trackUser(user.id);
  return { user, token: user.getSessionToken(), username, password, email };
}

/** Remembers a user created some other way (REST, authData) so the `after` hook deletes it. */
export function trackUser(objectId) {
  if (objectId) createdUserIds.add(objectId);
}

/**
 * Creates a role with the master key, publicly readable, holding the given users and child roles;
 * returns the saved Parse.Role.
 */
export async function newRole(prefix, { users = [], roles = [], acl } = {}) {
  const roleAcl = acl ?? new Parse.ACL();
  if (!acl) roleAcl.setPublicReadAccess(true);
  const role = new Parse.Role(uniqueName(prefix), roleAcl);
  if (users.length) role.getUsers().add(users);
  if (roles.length) role.getRoles().add(roles);
  await role.save(null, MASTER);
  createdRoleIds.add(role.id);
  return role;
}

/** Session options for SDK calls made as a user. */
export function as(token) {
  return { sessionToken: token };
}

/** REST call with a session token. */
export function restAs(token, method, path, options = {}) {
  return rest(method, path, { ...options, headers: { 'X-Parse-Session-Token': token, ...(options.headers ?? {}) } });
}

/** `?where=` query string for REST finds. */
export function whereParam(where) {
  return `where=${encodeURIComponent(JSON.stringify(where))}`;
}

// Deletes in parallel: a file may create dozens of users and one request each at a time adds
// seconds to the run.
after(async () => {
  await Promise.all([...createdRoleIds].map((id) => rest('DELETE', `/roles/${id}`, { master: true })));
  const userIds = [...createdUserIds];
  const pointers = userIds.map((objectId) => ({ __type: 'Pointer', className: '_User', objectId }));
  const sessions = userIds.length
    ? await rest('GET', `/sessions?limit=1000&${whereParam({ user: { $in: pointers } })}`, { master: true })
    : { body: { results: [] } };
  await Promise.all([
    ...(sessions.body?.results ?? []).map((s) => rest('DELETE', `/sessions/${s.objectId}`, { master: true })),
    ...userIds.map((id) => rest('DELETE', `/users/${id}`, { master: true })),
  ]);
});

/**
 * Runs `fn` with the SDK's current user enabled (off by default under Node), then logs out and
 * turns it off again, so no other test sends a current user's session token by accident.
 */
export async function withCurrentUser(fn) {
  Parse.User.enableUnsafeCurrentUser();
  try {
    return await fn();
  } finally {
    await Parse.User.logOut().catch(() => {});
    Parse.User.disableUnsafeCurrentUser();
  }
}
