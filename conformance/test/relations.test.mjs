// Relations: relation.add/remove/query(), $relatedTo, reverse lookup, AddRelation/RemoveRelation.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { Parse, uniqueClass, rest, assertRestError, seed, ids } from './helpers.mjs';

const Team = uniqueClass('RelTeam');
const Member = uniqueClass('RelMember');
const Other = uniqueClass('RelOther');

let ann;
let ben;
let cat;

before(async () => {
  [ann, ben, cat] = await seed(Member, [{ name: 'ann' }, { name: 'ben' }, { name: 'cat' }]);
});

async function teamWith(...members) {
  const team = new Parse.Object(Team, { name: 't' });
  team.relation('members').add(members);
  return team.save();
}

describe('relations', () => {
  test('relation.add links objects and relation.query() finds them', async () => {
    const team = await teamWith(ann, ben);
    const found = await team.relation('members').query().find();
    assert.deepEqual(ids(found), ids([ann, ben]));
  });

  test('relation.remove unlinks only the given object', async () => {
    const team = await teamWith(ann, ben, cat);
    team.relation('members').remove(ben);
    await team.save();
    assert.deepEqual(ids(await team.relation('members').query().find()), ids([ann, cat]));
  });

  test('adding the same object twice links it once', async () => {
    const team = await teamWith(ann);
    team.relation('members').add(ann);
    await team.save();
    const found = await team.relation('members').query().find();
    assert.deepEqual(ids(found), [ann.id]);
  });

  test('a relation query takes further constraints', async () => {
    const team = await teamWith(ann, ben, cat);
    const found = await team.relation('members').query().notEqualTo('name', 'ben').find();
    assert.deepEqual(ids(found), ids([ann, cat]));
    assert.equal(await team.relation('members').query().count(), 3);
  });

  test('$relatedTo over REST finds the related objects', async () => {
    const team = await teamWith(ben);
    const where = { $relatedTo: { object: { __type: 'Pointer', className: Team, objectId: team.id }, key: 'members' } };
    const res = await rest('GET', `/classes/${Member}?where=${encodeURIComponent(JSON.stringify(where))}`);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.results.map((r) => r.objectId), [ben.id]);
  });

  test('equalTo on a relation field finds the owners that relate to an object', async () => {
    const withCat = await teamWith(cat);
    const withAnn = await teamWith(ann);
    const found = await new Parse.Query(Team).equalTo('members', cat).find();
    assert.ok(found.some((t) => t.id === withCat.id));
    assert.ok(!found.some((t) => t.id === withAnn.id));
  });

  test('AddRelation and RemoveRelation ops over REST', async () => {
    const created = await rest('POST', `/classes/${Team}`, {
      body: {
        members: {
          __op: 'AddRelation',
          objects: [
            { __type: 'Pointer', className: Member, objectId: ann.id },
            { __type: 'Pointer', className: Member, objectId: ben.id },
          ],
        },
      },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const removed = await rest('PUT', `/classes/${Team}/${created.body.objectId}`, {
      body: { members: { __op: 'RemoveRelation', objects: [{ __type: 'Pointer', className: Member, objectId: ann.id }] } },
    });
    assert.equal(removed.status, 200);
    const team = await new Parse.Query(Team).get(created.body.objectId);
    assert.deepEqual(ids(await team.relation('members').query().find()), [ben.id]);
  });

  test('adding an object of another class than the relation’s target fails with 111', async () => {
    const team = await teamWith(ann);
    const other = await new Parse.Object(Other, { x: 1 }).save();
    const res = await rest('PUT', `/classes/${Team}/${team.id}`, {
      body: { members: { __op: 'AddRelation', objects: [{ __type: 'Pointer', className: Other, objectId: other.id }] } },
    });
    assertRestError(res, 400, Parse.Error.INCORRECT_TYPE);
  });

  test('the relation field reads back as a Relation descriptor, not its members', async () => {
    const team = await teamWith(ann);
    const res = await rest('GET', `/classes/${Team}/${team.id}`);
    assert.deepEqual(res.body.members, { __type: 'Relation', className: Member });
  });
});
