// Client class creation: allowed or forbidden (119) depending on how the server was started.
// Set PARSE_CLIENT_CLASS_CREATION=false when the server under test forbids it.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Parse, MASTER, TARGET, CLIENT_CLASS_CREATION_DISABLED, uniqueClass, rest, assertRestError, expectParseError, getSchema } from './helpers.mjs';

describe('client class creation', () => {
  test('a client may create a class by saving into it', { skip: CLIENT_CLASS_CREATION_DISABLED && 'server forbids client class creation' }, async () => {
    const name = uniqueClass('CcAllowed');
    const obj = await new Parse.Object(name, { a: 1 }).save();
    assert.ok(obj.id);
    assert.equal((await getSchema(name)).fields.a.type, 'Number');
  });

  const forbidden = CLIENT_CLASS_CREATION_DISABLED ? false : 'set PARSE_CLIENT_CLASS_CREATION=false against a server started without client class creation';

  test('a client save into a new class is refused with 119 and creates no schema', { skip: forbidden }, async () => {
    const name = uniqueClass('CcForbidden');
    const res = await rest('POST', `/classes/${name}`, { body: { a: 1 } });
    // Parse Server answers HTTP 400 (not 403) with code 119 and the sanitized message; the
    // unsanitized one is "This user is not allowed to access non-existent class: <name>".
    // Reparse keeps code and status and says which class and what to do instead.
    assertRestError(res, 400, Parse.Error.OPERATION_FORBIDDEN);
    assert.equal(res.body.error, TARGET === 'parse-server' ? 'Permission denied'
      : `This user is not allowed to create class ${name}: client class creation is off for this app; `
        + 'create the class with the master key or turn on clientClassCreationEnabled');
    assert.equal(await getSchema(name), undefined);
    await expectParseError(new Parse.Object(name, { a: 1 }).save(), Parse.Error.OPERATION_FORBIDDEN);
  });

  test('a client query on a class that does not exist is refused with 119', { skip: forbidden }, async () => {
    await expectParseError(new Parse.Query(uniqueClass('CcMissing')).find(), Parse.Error.OPERATION_FORBIDDEN);
  });

  test('the master key may still create the class, and clients may then write and add fields', { skip: forbidden }, async () => {
    const name = uniqueClass('CcByMaster');
    await new Parse.Object(name, { a: 1 }).save(null, MASTER);
    const obj = await new Parse.Object(name, { a: 2, added: 'x' }).save();
    assert.ok(obj.id);
    assert.equal((await getSchema(name)).fields.added.type, 'String');
  });
});
