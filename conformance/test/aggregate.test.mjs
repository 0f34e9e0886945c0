// Aggregate and distinct (master key only).
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { Parse, MASTER, uniqueClass, rest, assertRestError, expectParseError, seed } from './helpers.mjs';

const Sale = uniqueClass('AggSale');

before(async () => {
  await seed(Sale, [
    { region: 'north', amount: 10, tags: ['a'] },
    { region: 'north', amount: 5, tags: ['a', 'b'] },
    { region: 'south', amount: 7, tags: ['c'] },
    { region: 'east', amount: 1 },
  ]);
});

describe('aggregate', () => {
  test('$group output uses objectId for the group key', async () => {
    const pipeline = [{ $group: { _id: '$region', total: { $sum: '$amount' } } }, { $sort: { total: -1 } }];
    const results = await new Parse.Query(Sale).aggregate(pipeline);
    assert.deepEqual(results, [
      { objectId: 'north', total: 15 },
      { objectId: 'south', total: 7 },
      { objectId: 'east', total: 1 },
    ]);
  });

  test('$match, $project and $limit stages', async () => {
    const pipeline = [
      { $match: { amount: { $gt: 4 } } },
      { $sort: { amount: 1 } },
      { $project: { region: 1, amount: 1, _id: 0 } },
      { $limit: 2 },
    ];
    const results = await new Parse.Query(Sale).aggregate(pipeline);
    assert.deepEqual(results, [
      { region: 'north', amount: 5 },
      { region: 'south', amount: 7 },
    ]);
  });

  test('the query constraints become a leading $match', async () => {
    const results = await new Parse.Query(Sale)
      .equalTo('region', 'north')
      .aggregate([{ $group: { _id: null, n: { $sum: 1 } } }]);
    assert.deepEqual(results, [{ objectId: null, n: 2 }]);
  });

  test('a stage name without $ is refused with 102', async () => {
    const err = await expectParseError(new Parse.Query(Sale).aggregate([{ bogus: {} }]), Parse.Error.INVALID_QUERY);
    assert.equal(err.message, "Invalid aggregate stage 'bogus'.");
  });

  test('an unknown $ stage is refused with 102', async () => {
    // Parse Server passes $-stages to MongoDB and reports its message with code 102.
    await expectParseError(new Parse.Query(Sale).aggregate([{ $bogus: {} }]), Parse.Error.INVALID_QUERY);
  });

  test('a stage object with two keys is refused with 102', async () => {
    const err = await expectParseError(
      new Parse.Query(Sale).aggregate([{ $match: {}, $limit: 1 }]),
      Parse.Error.INVALID_QUERY
    );
    assert.equal(err.message, 'Pipeline stages should only have one key but found $match, $limit.');
  });

  test('a $group without _id is refused with 102', async () => {
    await expectParseError(new Parse.Query(Sale).aggregate([{ $group: { n: { $sum: 1 } } }]), Parse.Error.INVALID_QUERY);
  });

  test('aggregate without the master key is refused with 403', async () => {
    const res = await rest('GET', `/aggregate/${Sale}?pipeline=${encodeURIComponent(JSON.stringify([{ $match: {} }]))}`);
    assert.equal(res.status, 403);
  });
});

describe('distinct', () => {
  test('distinct returns each value once', async () => {
    const values = await new Parse.Query(Sale).distinct('region');
    assert.deepEqual(values.sort(), ['east', 'north', 'south']);
  });

  test('distinct honours query constraints', async () => {
    const values = await new Parse.Query(Sale).greaterThan('amount', 6).distinct('region');
    assert.deepEqual(values.sort(), ['north', 'south']);
  });

  test('distinct on an array field returns the individual elements', async () => {
    const values = await new Parse.Query(Sale).distinct('tags');
    assert.deepEqual(values.sort(), ['a', 'b', 'c']);
  });

  test('distinct over REST answers {results: [...]}', async () => {
    const res = await rest('GET', `/aggregate/${Sale}?distinct=region`, { master: true });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.results.sort(), ['east', 'north', 'south']);
    assert.equal((await new Parse.Query(Sale).count(MASTER)), 4);
  });
});
