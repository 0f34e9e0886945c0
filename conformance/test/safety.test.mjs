// Query safety: server-side JavaScript and unbounded nesting must be refused.
// Tests marked SAFER_THAN_PARSE_SERVER expect behaviour stock Parse Server does not have by
// default; they are skipped when PARSE_TARGET=parse-server.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { Parse, MASTER, SAFER_THAN_PARSE_SERVER, uniqueClass, rest, seed } from './helpers.mjs';

const Safe = uniqueClass('SafeThing');
const Sink = uniqueClass('SafeSink');

before(async () => {
  await seed(Safe, [{ a: 1 }, { a: 2 }]);
});

const find = (where, opts = {}) => rest('GET', `/classes/${Safe}?where=${encodeURIComponent(JSON.stringify(where))}`, opts);

/**
 * Asserts a query was refused with HTTP 400 and one of the allowed codes. 102 (INVALID_QUERY)
 * is the code Reparse is asked to use; the other is what Parse Server 9 answers for the same
 * request, so the SDK-visible outcome (a rejected query) is the same on both.
 */
function assertRefused(res, allowedCodes) {
  assert.equal(res.status, 400, JSON.stringify(res.body));
  assert.ok(allowedCodes.includes(res.body.code), `code ${res.body.code} not in ${allowedCodes}: ${JSON.stringify(res.body)}`);
  assert.equal(res.body.results, undefined);
}

describe('server-side JavaScript in queries', () => {
  test('$where at the top of a query is refused (Parse Server: 105 "Invalid key name: $where")', async () => {
    assertRefused(await find({ $where: 'this.a == 1' }), [Parse.Error.INVALID_QUERY, Parse.Error.INVALID_KEY_NAME]);
  });

  test('$where is refused even with the master key', async () => {
    assertRefused(await find({ $where: 'true' }, { master: true }), [Parse.Error.INVALID_QUERY, Parse.Error.INVALID_KEY_NAME]);
  });

  test('$where nested inside $or/$and/$nor is refused', async () => {
    for (const op of ['$or', '$and', '$nor']) {
      assertRefused(await find({ [op]: [{ a: 1 }, { $where: 'true' }] }), [Parse.Error.INVALID_QUERY, Parse.Error.INVALID_KEY_NAME]);
    }
  });

  test('$expr at the top of a query is refused', async () => {
    assertRefused(await find({ $expr: { $eq: ['$a', 1] } }), [Parse.Error.INVALID_QUERY, Parse.Error.INVALID_KEY_NAME]);
  });

  test('$function or $where as a field operator is refused (Parse Server: 107 "bad constraint")', async () => {
    const fn = { body: 'function() { return true; }', args: [], lang: 'js' };
    assertRefused(await find({ a: { $function: fn } }), [Parse.Error.INVALID_QUERY, Parse.Error.INVALID_JSON]);
    assertRefused(await find({ a: { $where: 'true' } }), [Parse.Error.INVALID_QUERY, Parse.Error.INVALID_JSON]);
  });

  test('$where inside an $inQuery subquery is refused', async () => {
    const where = { a: { $inQuery: { className: Safe, where: { $where: 'true' } } } };
    assertRefused(await find(where), [Parse.Error.INVALID_QUERY, Parse.Error.INVALID_KEY_NAME]);
  });
});

describe('query nesting depth', () => {
  const nestOr = (depth) => {
    let q = { a: 1 };
    for (let i = 0; i < depth; i++) q = { $or: [q] };
    return q;
  };

  test('moderately nested $or queries still work', async () => {
    const res = await find(nestOr(3));
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.results.length, 1);
  });

  // Parse Server 9 has requestComplexity.queryDepth but leaves it disabled (-1) by default.
  test('a 50-deep $or nesting is refused with 102', { skip: SAFER_THAN_PARSE_SERVER }, async () => {
    const res = await find(nestOr(50));
    assert.equal(res.status, 400, JSON.stringify(res.body).slice(0, 200));
    assert.equal(res.body.code, Parse.Error.INVALID_QUERY);
  });

  test('a 50-deep $inQuery subquery chain is refused with 102', { skip: SAFER_THAN_PARSE_SERVER }, async () => {
    let where = { a: 1 };
    for (let i = 0; i < 50; i++) where = { a: { $inQuery: { className: Safe, where } } };
    const res = await find(where);
    assert.equal(res.status, 400, JSON.stringify(res.body).slice(0, 200));
    assert.equal(res.body.code, Parse.Error.INVALID_QUERY);
  });
});

describe('aggregation pipelines', () => {
  // Parse Server hands every $-stage to MongoDB, so a master-key pipeline can write any
  // collection with $out/$merge, bypassing schema, ACL and CLP.
  test('$out and $merge stages are refused with 102 and write nothing', { skip: SAFER_THAN_PARSE_SERVER }, async () => {
    for (const stage of [{ $out: Sink }, { $merge: { into: Sink } }]) {
      const err = await new Parse.Query(Safe).aggregate([{ $match: {} }, stage], MASTER).catch((e) => e);
      assert.ok(err instanceof Parse.Error, `expected a refusal for ${Object.keys(stage)[0]}`);
      assert.equal(err.code, Parse.Error.INVALID_QUERY);
    }
    assert.equal(await new Parse.Query(Sink).count(MASTER), 0);
  });
});
