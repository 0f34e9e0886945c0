// Isolation (Reparse only): Cloud Code is untrusted tenant code. What it can see of its own
// process (environment, arguments, working directory) and of the runtime beside it (its
// /proc/<pid>/environ and cmdline, the files of its data dir) holds no master key, no webhook key,
// no database URI and no storage credentials.
//
// run.sh exports REPARSE_CONF_DATA_DIR (the runtime's data dir) and REPARSE_CONF_RUNTIME_PID. The
// runtime gets its master key through its environment, so /proc/<runtime>/environ holds it: the
// file checks need the runner to run as another, unprivileged user, which the runtime does when it
// runs as root (as CI does); run as another user, the suite skips them.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { MASTER_KEY } from './helpers.mjs';
import { REPARSE_ONLY, WEBHOOK_KEY, run } from './cloud-helpers.mjs';

const DATA_DIR = process.env.REPARSE_CONF_DATA_DIR;
const RUNTIME_PID = process.env.REPARSE_CONF_RUNTIME_PID;
const AS_ROOT = typeof process.getuid === 'function' && process.getuid() === 0;
const SECRETS = [MASTER_KEY, WEBHOOK_KEY].filter((s) => s && s.length >= 8);
const SECRET_PATTERNS = [/mongodb(\+srv)?:\/\//i, /postgres(ql)?:\/\//i, /aws_secret_access_key/i, /secret[_-]?access[_-]?key/i];

/** Every file under `dir` (depth-first, at most `max`). */
function listFiles(dir, max = 150, out = []) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries) {
    if (out.length >= max) break;
    const path = join(dir, name);
    let stat;
    try {
      stat = statSync(path);
    } catch {
      continue;
    }
    if (stat.isDirectory()) listFiles(path, max, out);
    else if (stat.isFile()) out.push(path);
  }
  return out;
}

/** Asserts `text` holds none of the secrets; `where` names it in the message. */
function assertNoSecrets(text, where) {
  for (const secret of SECRETS) {
    assert.ok(!text.includes(secret), `${where} holds a secret key`);
  }
  for (const pattern of SECRET_PATTERNS) {
    assert.ok(!pattern.test(text), `${where} matches ${pattern}`);
  }
}

let probe;

before(async () => {
  if (!REPARSE_ONLY) probe = await run('cloudIsolationProbe', {});
});

describe('what Cloud Code can see', { skip: REPARSE_ONLY }, () => {
  test('its environment holds no master key, webhook key, database URI or storage credentials', () => {
    for (const [name, value] of Object.entries(probe.env)) {
      assert.doesNotMatch(name, /MASTER|DATABASE|MONGO|AWS_|^S3_|_S3_|WEBHOOK/i, `the runner's environment has ${name}`);
      assertNoSecrets(String(value), `environment variable ${name}`);
    }
  });

  test('its arguments and working directory hold none either', () => {
    assertNoSecrets(JSON.stringify(probe.argv), 'process.argv');
    assertNoSecrets(JSON.stringify(probe.execArgv), 'process.execArgv');
    assertNoSecrets(probe.cwd, 'process.cwd()');
  });

  test('the runner does not run as root', { skip: !AS_ROOT && 'the suite does not run as root' }, () => {
    assert.notEqual(probe.uid, 0, 'a runtime started as root runs Cloud Code as an unprivileged user');
  });

  test('the runtime\'s /proc environ and cmdline give nothing away', { skip: !AS_ROOT && 'the suite does not run as root' }, async () => {
    if (!RUNTIME_PID) assert.fail('REPARSE_CONF_RUNTIME_PID is not set (run.sh exports it)');
    const result = await run('cloudIsolationProbe', { pids: [Number(RUNTIME_PID)] });
    assert.ok(result.proc.length >= 2);
    for (const read of result.proc) {
      if (read.path.endsWith('/environ')) {
        assert.equal(read.readable, false, `${read.path} is readable by Cloud Code`);
      }
      if (read.readable) assertNoSecrets(read.content, read.path);
    }
  });

  test('files under the runtime\'s data dir cannot be read', { skip: !AS_ROOT && 'the suite does not run as root' }, async () => {
    if (!DATA_DIR) assert.fail('REPARSE_CONF_DATA_DIR is not set (run.sh exports it)');
    // Cloud Code may read its own code, wherever the runtime keeps it.
    const files = listFiles(DATA_DIR).filter((path) => !path.startsWith(`${probe.cwd}/`));
    assert.ok(files.length > 0, `no files under ${DATA_DIR}`);
    const result = await run('cloudIsolationProbe', { paths: files });
    const readable = result.files.filter((f) => f.readable).map((f) => f.path);
    assert.deepEqual(readable, [], 'Cloud Code could read these files of the runtime');
  });
});
