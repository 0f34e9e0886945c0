// Files through the official SDK: base64 and binary uploads, a File field on an object, download
// by URL (with ranges), metadata, delete with the master key, and the refusal of files a browser
// would run as a page. Uploads use the master key: by default (as in Parse Server 9) only the
// master key and signed-in users may upload.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  Parse, MASTER, APP_ID, SERVER_URL, SAFER_THAN_PARSE_SERVER, uniqueClass, rest, expectParseError,
} from './helpers.mjs';

const Doc = uniqueClass('FileDoc');
const b64 = (text) => Buffer.from(text).toString('base64');

async function saved(name, data, type) {
  const file = new Parse.File(name, data, type);
  await file.save(MASTER);
  return file;
}

describe('saving files', () => {
  test('a base64 file saves with a unique name and a url under /files/<appId>/', async () => {
    const file = await saved('a.txt', { base64: b64('hello files') });
    assert.match(file.name(), /^[0-9a-f]{32}_a\.txt$/);
    assert.equal(file.url(), `${SERVER_URL}/files/${APP_ID}/${file.name()}`);
    const res = await fetch(file.url());
    assert.equal(res.status, 200);
    assert.equal(await res.text(), 'hello files');
    assert.match(res.headers.get('content-type'), /^text\/plain/);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  });

  test('two files of one name do not collide', async () => {
    const one = await saved('same.txt', { base64: b64('one') });
    const two = await saved('same.txt', { base64: b64('two') });
    assert.notEqual(one.name(), two.name());
    assert.equal(await (await fetch(one.url())).text(), 'one');
    assert.equal(await (await fetch(two.url())).text(), 'two');
  });

  test('a byte-array file round-trips its bytes and getData reads it back', async () => {
    const bytes = [0, 1, 2, 253, 254, 255];
    const file = await saved('bytes.bin', bytes);
    const res = await fetch(file.url());
    assert.deepEqual([...new Uint8Array(await res.arrayBuffer())], bytes);
    const again = Parse.File.fromJSON({ __type: 'File', name: file.name(), url: file.url() });
    assert.equal(await again.getData(), Buffer.from(bytes).toString('base64'));
  });

  test('a Buffer file uploads as a raw binary body', async () => {
    const data = Buffer.alloc(300_000, 7);
    const file = await saved('raw.bin', data);
    const res = await fetch(file.url());
    assert.equal(res.headers.get('content-length'), '300000');
    assert.ok(Buffer.from(await res.arrayBuffer()).equals(data));
  });

  test('metadata saved with a file is served by /files/<appId>/metadata/<name>', async () => {
    const file = new Parse.File('meta.txt', { base64: b64('m') });
    file.setMetadata({ owner: 'ann' });
    await file.save(MASTER);
    const res = await rest('GET', `/files/${APP_ID}/metadata/${file.name()}`);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.metadata, { owner: 'ann' });
  });

  test('without the master key or a user, uploads are refused with 130', async () => {
    await expectParseError(new Parse.File('pub.txt', { base64: b64('x') }).save(), Parse.Error.FILE_SAVE_ERROR);
  });

  test('names with path separators are refused with 122', async () => {
    const res = await rest('POST', '/files/..%2F..%2Fescape.txt', {
      master: true, raw: 'x', headers: { 'Content-Type': 'text/plain' },
    });
    assert.equal(res.status, 400);
    assert.equal(res.body.code, Parse.Error.INVALID_FILE_NAME);
  });
});

describe('files a browser would run are refused', () => {
  for (const [name, type] of [['page.html', undefined], ['PAGE.HTM', undefined], ['logo.Svg', undefined],
    ['doc.xhtml', undefined], ['feed.xml', undefined]]) {
    test(`${name} is refused with 130`, async () => {
      await expectParseError(saved(name, { base64: b64('<html><script>1</script></html>') }, type),
        Parse.Error.FILE_SAVE_ERROR);
    });
  }

  test('an HTML or SVG body declared only by its content type is refused', { skip: SAFER_THAN_PARSE_SERVER }, async () => {
    await expectParseError(saved('note.txt', { base64: b64('<html></html>') }, 'text/html'), Parse.Error.FILE_SAVE_ERROR);
    await expectParseError(saved('pic', { base64: b64('<svg/>') }, 'image/svg+xml'), Parse.Error.FILE_SAVE_ERROR);
  });
});

describe('files on objects', () => {
  test('a File field answers with its url, in get, find and include', async () => {
    const file = await saved('attached.txt', { base64: b64('attached') });
    const doc = new Parse.Object(Doc);
    doc.set('attachment', file);
    await doc.save(null, MASTER);
    const holder = new Parse.Object(Doc);
    holder.set('doc', doc);
    await holder.save(null, MASTER);

    const got = await new Parse.Query(Doc).get(doc.id, MASTER);
    assert.equal(got.get('attachment').name(), file.name());
    assert.equal(got.get('attachment').url(), file.url());

    const found = await new Parse.Query(Doc).equalTo('objectId', holder.id).include('doc').first(MASTER);
    assert.equal(found.get('doc').get('attachment').url(), file.url());
    assert.equal(await (await fetch(found.get('doc').get('attachment').url())).text(), 'attached');
  });
});

describe('downloads', () => {
  test('a Range request answers 206 with the bytes asked for; past the end 416', async () => {
    const file = await saved('digits.txt', { base64: b64('0123456789') });
    const part = await fetch(file.url(), { headers: { Range: 'bytes=3-5' } });
    assert.equal(part.status, 206);
    assert.equal(await part.text(), '345');
    assert.equal(part.headers.get('content-range'), 'bytes 3-5/10');
    const past = await fetch(file.url(), { headers: { Range: 'bytes=50-' } });
    assert.equal(past.status, 416);
  });

  test('an unknown file is 404; another app ID is 403', async () => {
    assert.equal((await fetch(`${SERVER_URL}/files/${APP_ID}/nothing-here.txt`)).status, 404);
    const file = await saved('mine.txt', { base64: b64('mine') });
    assert.equal((await fetch(`${SERVER_URL}/files/someoneelse/${file.name()}`)).status, 403);
  });
});

describe('deleting files', () => {
  test('destroy with the master key removes the file', async () => {
    const file = await saved('gone.txt', { base64: b64('bye') });
    await file.destroy(MASTER);
    assert.equal((await fetch(file.url())).status, 404);
  });

  test('delete without the master key is refused and keeps the file', async () => {
    const file = await saved('kept.txt', { base64: b64('kept') });
    const res = await rest('DELETE', `/files/${file.name()}`);
    assert.equal(res.status, 403);
    assert.equal((await fetch(file.url())).status, 200);
  });
});

describe('browsers', () => {
  // A browser preflights an upload with file metadata or a ranged download; the preflight
  // must allow the headers the files routes read.
  test('a preflight for a file upload or ranged download allows the file headers', { skip: SAFER_THAN_PARSE_SERVER }, async () => {
    const res = await fetch(`${SERVER_URL}/files/pre.txt`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://example.com',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'X-Parse-Application-Id, X-Parse-File-Metadata, Range',
      },
    });
    assert.equal(res.status, 200);
    const allowed = res.headers.get('access-control-allow-headers').toLowerCase().split(',').map((h) => h.trim());
    for (const h of ['x-parse-application-id', 'x-parse-file-metadata', 'range']) assert.ok(allowed.includes(h), `allows ${h}`);
  });
});
