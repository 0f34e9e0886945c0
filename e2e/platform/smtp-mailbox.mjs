// A local SMTP server for the platform's tests: run.sh starts it before `./reparse up` and points the platform's
// mail at it (--smtp-host/--smtp-port). Each mail it receives is written, as received, to MAIL_DIR/<n>.eml, where
// the tests read it (test/settings.test.mjs).
// Usage: node smtp-mailbox.mjs PORT_FILE MAIL_DIR   (listens on a free port on 127.0.0.1, writes the port there)
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';

const [portFile, mailDir] = process.argv.slice(2);
mkdirSync(mailDir, { recursive: true });
let received = 0;

const server = new SMTPServer({
  disabledCommands: ['AUTH', 'STARTTLS'],
  logger: false,
  size: 1024 * 1024,
  onData(stream, session, callback) {
    const chunks = [];
    stream.on('data', (chunk) => chunks.push(chunk));
    stream.on('end', () => {
      const name = join(mailDir, `${String(++received).padStart(4, '0')}.eml`);
      // whole files only: a reader never sees half a mail
      writeFileSync(`${name}.tmp`, Buffer.concat(chunks));
      renameSync(`${name}.tmp`, name);
      callback();
    });
  },
});
server.listen(0, '127.0.0.1', () => writeFileSync(portFile, String(server.server.address().port)));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
