// A local SMTP server that accepts and drops every mail, for the runtime run.sh starts: with mail
// configured, /requestPasswordReset answers {} as a configured Parse Server does (without it, code 1).
// Usage: node smtp-sink.mjs PORT_FILE   (listens on a free port on 127.0.0.1, writes the port there)
import { writeFileSync } from 'node:fs';
import { SMTPServer } from 'smtp-server';

const server = new SMTPServer({
  disabledCommands: ['AUTH', 'STARTTLS'],
  logger: false,
  onData(stream, session, callback) {
    stream.on('end', () => callback());
    stream.resume();
  },
});
server.listen(0, '127.0.0.1', () => writeFileSync(process.argv[2], String(server.server.address().port)));
