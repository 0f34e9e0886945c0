// GraphQL API (Parse Server 9's /graphql): the generated schema's queries and mutations posted with plain
// fetch, next to what the SDK stored; users, ACLs, introspection and the depth limit. Valid against stock
// parse-server 9 started with mountGraphQL (graphQLPath /graphql beside the mount) and, for the depth test,
// requestComplexity.graphQLDepth set; PARSE_GRAPHQL_URL names another path.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Parse, SERVER_URL, APP_ID, MASTER_KEY, JS_KEY, IS_PARSE_SERVER, MASTER, uniqueClass, rest } from './helpers.mjs';
import { newUser, trackUser, uniqueName } from './users-helpers.mjs';

const GRAPHQL_URL = process.env.PARSE_GRAPHQL_URL || new URL('/graphql', SERVER_URL).href;
const Score = uniqueClass('GqlScore');
const Node = uniqueClass('GqlNode');
const lower = (name) => name[0].toLowerCase() + name.slice(1);
const one = lower(Score);
const many = `${one}s`;

/** Posts a GraphQL request; answers `{status, body}`. */
async function gql(query, { variables, token, master = false, url = GRAPHQL_URL } = {}) {
  const headers = { 'Content-Type': 'application/json', 'X-Parse-Application-Id': APP_ID };
  if (master) headers['X-Parse-Master-Key'] = MASTER_KEY;
  if (JS_KEY && !master) headers['X-Parse-Javascript-Key'] = JS_KEY;
  if (token) headers['X-Parse-Session-Token'] = token;
  const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  const text = await res.text();
  let body = text;
  try {
    body = JSON.parse(text);
  } catch {
    // keep the text for the assertion message
  }
  return { status: res.status, body };
}

/** The data of an answer that must have no errors. */
async function data(query, options) {
  const { status, body } = await gql(query, options);
  assert.equal(status, 200, JSON.stringify(body));
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  return body.data;
}

const names = (connection) => connection.edges.map((edge) => edge.node.playerName);
const globalId = (className, objectId) => Buffer.from(`${className}:${objectId}`).toString('base64');

describe('GraphQL API', () => {
  before(async () => {
    const rows = [1, 2, 3, 4, 5].map((i) => new Parse.Object(Score, { playerName: `p${i}`, score: i * 10, cheat: i === 3 }));
    await Parse.Object.saveAll(rows, MASTER);
    // a class whose objects point at their own class: depth grows with each level
    await new Parse.Object(Node, { name: 'root', parent: new Parse.Object(Node, { name: 'leaf' }) }).save(null, MASTER);
  });

  after(async () => {
    await rest('DELETE', `/purge/${Node}`, { master: true });
  });

  it('answers health', async () => {
    assert.deepEqual(await data('{ health }'), { health: true });
  });

  it('finds with where, order, first/after and count', async () => {
    const page = (await data(`query Page($after: String) {
      ${many}(where: {score: {greaterThan: 15}}, order: [score_DESC], first: 2, after: $after) {
        count edges { cursor node { id objectId playerName score } } pageInfo { hasNextPage hasPreviousPage endCursor } } }`))[many];
    assert.equal(page.count, 4);
    assert.deepEqual(names(page), ['p5', 'p4']);
    assert.equal(page.edges[0].node.id, globalId(Score, page.edges[0].node.objectId));
    assert.equal(page.edges[0].node.score, 50);
    assert.deepEqual([page.pageInfo.hasNextPage, page.pageInfo.hasPreviousPage], [true, false]);
    const next = (await data(`query Page($after: String) {
      ${many}(where: {score: {greaterThan: 15}}, order: [score_DESC], first: 2, after: $after) {
        edges { node { playerName } } pageInfo { hasNextPage hasPreviousPage } } }`, { variables: { after: page.pageInfo.endCursor } }))[many];
    assert.deepEqual(names(next), ['p3', 'p2']);
    assert.deepEqual([next.pageInfo.hasNextPage, next.pageInfo.hasPreviousPage], [false, true]);
  });

  it('translates REST constraints: in, notIn, exists, matchesRegex with options, OR, skip, last', async () => {
    // notIn in an AND of its own: mongo-java-server ignores $nin beside $regex on one field (MongoDB does not)
    const found = (await data(`{ ${many}(where: {OR: [{playerName: {in: ["p1", "p2"]}}, {cheat: {equalTo: true}}],
      AND: [{playerName: {notIn: ["p2"]}}], playerName: {matchesRegex: "^P", options: "i"}, score: {exists: true}},
      order: [playerName_ASC]) {
      count edges { node { playerName } } } }`))[many];
    assert.equal(found.count, 2);
    assert.deepEqual(names(found), ['p1', 'p3']);
    const skipped = (await data(`{ ${many}(order: [score_ASC], skip: 1, first: 2) { edges { node { playerName } } } }`))[many];
    assert.deepEqual(names(skipped), ['p2', 'p3']);
    const last = (await data(`{ ${many}(order: [score_ASC], last: 2) { edges { node { playerName } } } }`))[many];
    assert.deepEqual(names(last), ['p4', 'p5']);
  });

  it('reads an object by global or object id, and as a node', async () => {
    const stored = await new Parse.Query(Score).equalTo('playerName', 'p2').first(MASTER);
    assert.equal((await data(`{ ${one}(id: "${stored.id}") { score } }`))[one].score, 20);
    const node = (await data(`{ node(id: "${globalId(Score, stored.id)}") { id ... on ${Score} { playerName } } }`)).node;
    assert.equal(node.playerName, 'p2');
    const missing = await gql(`{ ${one}(id: "nope") { objectId } }`);
    assert.equal(missing.status, 200);
    assert.equal(missing.body.errors[0].extensions.code, Parse.Error.OBJECT_NOT_FOUND);
    assert.equal(missing.body.errors[0].message, 'Object not found.');
  });

  it('creates, updates and deletes with Relay inputs, as the SDK then sees them', async () => {
    const created = (await data(`mutation { create${Score}(input: {clientMutationId: "c1",
      fields: {playerName: "gql", score: 7}}) { clientMutationId ${one} { id objectId playerName createdAt updatedAt } } }`))[`create${Score}`];
    assert.equal(created.clientMutationId, 'c1');
    const { objectId, id } = created[one];
    assert.equal((await new Parse.Query(Score).get(objectId, MASTER)).get('score'), 7);

    const updated = (await data(`mutation Up($id: ID!) { update${Score}(input: {id: $id, fields: {score: 8, playerName: null}}) {
      ${one} { score playerName } } }`, { variables: { id } }))[`update${Score}`][one];
    assert.deepEqual(updated, { score: 8, playerName: null });
    const stored = await new Parse.Query(Score).get(objectId, MASTER);
    assert.equal(stored.get('score'), 8);
    assert.equal(stored.has('playerName'), false);

    const deleted = (await data(`mutation { delete${Score}(input: {id: "${objectId}"}) { ${one} { objectId score } } }`))[`delete${Score}`][one];
    assert.deepEqual(deleted, { objectId, score: 8 });
    await assert.rejects(new Parse.Query(Score).get(objectId, MASTER), (e) => e.code === Parse.Error.OBJECT_NOT_FOUND);
  });

  it('signs up, logs in, shows the viewer and logs out', async () => {
    const username = uniqueName('gql');
    const signUp = (await data(`mutation { signUp(input: {fields: {username: "${username}", password: "pw1"}}) {
      viewer { sessionToken user { id objectId username } } } }`)).signUp.viewer;
    trackUser(signUp.user.objectId);
    assert.match(signUp.sessionToken, /^r:/);
    assert.equal(signUp.user.username, username);
    const logIn = (await data(`mutation { logIn(input: {username: "${username}", password: "pw1"}) {
      viewer { sessionToken user { username } } } }`)).logIn.viewer;
    const me = (await data('{ viewer { sessionToken user { username } } }', { token: logIn.sessionToken })).viewer;
    assert.deepEqual(me, { sessionToken: logIn.sessionToken, user: { username } });
    const wrong = await gql(`mutation { logIn(input: {username: "${username}", password: "bad"}) { viewer { sessionToken } } }`);
    assert.equal(wrong.body.errors[0].extensions.code, Parse.Error.OBJECT_NOT_FOUND);
    assert.deepEqual((await data('mutation { logOut(input: {}) { ok } }', { token: logIn.sessionToken })).logOut, { ok: true });
    const after = await gql('{ viewer { sessionToken } }', { token: logIn.sessionToken });
    assert.equal(after.body.code, Parse.Error.INVALID_SESSION_TOKEN);
  });

  it("hides an object from another user by its ACL, as REST does", async () => {
    const alice = await newUser('gqlA');
    const bob = await newUser('gqlB');
    const created = (await data(`mutation { create${Score}(input: {fields: {playerName: "secret", score: 1,
      ACL: {users: [{userId: "${alice.user.id}", read: true, write: true}]}}}) {
      ${one} { id ACL { users { userId read write } public { read } } } } }`, { token: alice.token }))[`create${Score}`][one];
    assert.deepEqual(created.ACL, { users: [{ userId: globalId('_User', alice.user.id), read: true, write: true }], public: null });
    const count = `{ ${many}(where: {playerName: {equalTo: "secret"}}) { count } }`;
    assert.equal((await data(count, { token: alice.token }))[many].count, 1);
    assert.equal((await data(count, { token: bob.token }))[many].count, 0);
    assert.equal((await data(count))[many].count, 0);
    const read = await gql(`{ ${one}(id: "${created.id}") { id } }`, { token: bob.token });
    assert.equal(read.body.errors[0].extensions.code, Parse.Error.OBJECT_NOT_FOUND);
    const restRead = await rest('GET', `/classes/${Score}/${alice.user.id}`, { headers: { 'X-Parse-Session-Token': bob.token } });
    assert.equal(restRead.body.code, Parse.Error.OBJECT_NOT_FOUND);
  });

  it("calls a Cloud Code function as the caller, its errors keeping their Parse code", async () => {
    const alice = await newUser('gqlC');
    const who = (await data(`mutation { callCloudCode(input: {functionName: cloudWhoAmI, clientMutationId: "f1"}) {
      result clientMutationId } }`, { token: alice.token })).callCloudCode;
    assert.equal(who.clientMutationId, 'f1');
    assert.equal(who.result.username, alice.username);
    const failed = await gql(`mutation { callCloudCode(input: {functionName: cloudThrowParseError,
      params: {code: 137, message: "nope"}}) { result } }`);
    assert.equal(failed.status, 200);
    assert.equal(failed.body.errors[0].extensions.code, 137);
    assert.equal(failed.body.errors[0].message, 'nope');
  });

  it('refuses introspection without the master key', async () => {
    const refused = await gql('{ __schema { queryType { name } } }');
    assert.equal(refused.status, 403);
    assert.equal(refused.body.errors[0].message, 'Introspection is not allowed');
    assert.equal((await gql('{ __type(name: "Query") { name } }')).status, 403);
    const master = await gql('{ __schema { queryType { name } } }', { master: true });
    assert.equal(master.status, 200);
    assert.equal(master.body.data.__schema.queryType.name, 'Query');
    assert.deepEqual(await data('{ health __typename }'), { health: true, __typename: 'Query' });
  });

  it('refuses a query deeper than the limit unless with the master key', { skip: IS_PARSE_SERVER && !process.env.PARSE_GRAPHQL_DEPTH && 'parse-server has no depth limit unless requestComplexity.graphQLDepth is set' }, async () => {
    const limit = Number(process.env.PARSE_GRAPHQL_DEPTH || 15);
    let selection = 'name';
    for (let depth = 4; depth <= limit + 1; depth += 1) selection = `parent { ${selection} }`;
    const deep = `{ ${lower(Node)}s { edges { node { ${selection} } } } }`;
    const refused = await gql(deep);
    assert.equal(refused.status, 400);
    assert.equal(refused.body.errors[0].message, `GraphQL query depth of ${limit + 1} exceeds maximum allowed depth of ${limit}`);
    assert.equal((await gql(deep, { master: true })).status, 200);
  });

  it('is served under the mount too', { skip: IS_PARSE_SERVER && 'parse-server serves GraphQL at one path' }, async () => {
    assert.deepEqual(await data('{ health }', { url: `${SERVER_URL}/graphql` }), { health: true });
  });

  it('checks the keys as REST does', async () => {
    const res = await fetch(GRAPHQL_URL, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Parse-Application-Id': 'not-this-app' },
      body: JSON.stringify({ query: '{ health }' }),
    });
    assert.equal(res.status, 403);
    assert.deepEqual(await res.json(), { error: 'unauthorized' });
  });
});
