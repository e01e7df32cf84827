// A real SMTP server for the tests (smtp-server): STARTTLS with a self-signed certificate made by openssl for
// 127.0.0.1, AUTH PLAIN/LOGIN required, every accepted message parsed by mailparser.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  mail: ParsedMail;
  envelopeTo: string[];
  /** The session had upgraded to TLS (STARTTLS) when the message was sent. */
  secure: boolean;
  user: string | undefined;
}

export interface SmtpSink {
  port: number;
  caFile: string;
  received: ReceivedMail[];
  stop(): Promise<void>;
  /** Listen again on the same port (after stop). */
  start(): Promise<void>;
}

export function selfSignedCert(): { keyFile: string; certFile: string } {
  const dir = mkdtempSync(join(tmpdir(), 'nomad-smtp-cert-'));
  const keyFile = join(dir, 'key.pem');
  const certFile = join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ],
    { stdio: 'ignore' },
  );
  return { keyFile, certFile };
}

export async function startSmtp(users: Record<string, string>, port = 0): Promise<SmtpSink> {
  const { keyFile, certFile } = selfSignedCert();
  const received: ReceivedMail[] = [];
  let server: SMTPServer | undefined;
  let bound = port;
  const listen = async () => {
    server = new SMTPServer({
      secure: false,
      key: readFileSync(keyFile),
      cert: readFileSync(certFile),
      authMethods: ['PLAIN', 'LOGIN'],
      // AUTH only over TLS (smtp-server's default allowInsecureAuth: false), so a login proves STARTTLS happened.
      logger: false,
      onAuth(auth, _session, cb) {
        if (auth.username && users[auth.username] === auth.password) return cb(null, { user: auth.username });
        return cb(new Error('Invalid username or password'));
      },
      onData(stream, session, cb) {
        simpleParser(stream)
          .then((mail) => {
            received.push({
              mail,
              envelopeTo: session.envelope.rcptTo.map((r) => r.address),
              secure: session.secure,
              user: session.user as string | undefined,
            });
            cb();
          })
          .catch(cb);
      },
    });
    await new Promise<void>((resolve, reject) => {
      server!.once('error', reject);
      server!.listen(bound, '127.0.0.1', () => resolve());
    });
    bound = (server!.server.address() as { port: number }).port;
  };
  await listen();
  return {
    get port() {
      return bound;
    },
    caFile: certFile,
    received,
    stop: () => new Promise<void>((r) => server!.close(() => r())),
    start: listen,
  };
}
