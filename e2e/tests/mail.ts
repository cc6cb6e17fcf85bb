// The emails the server sent, as the SMTP server that scripts/e2e.sh starts
// (aiosmtpd) stored them: one file per message in $E2E_MAILDIR/new, headers
// then body. Every spec's emails land there, so callers pick theirs out by
// recipient and by what the message links to.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** One stored email. */
export interface Mail {
  /** The envelope recipients (aiosmtpd's X-RcptTo header), lower case. */
  to: string[];
  /** The subject, decoded. */
  subject: string;
  /** The body, decoded (quoted-printable or base64 undone). */
  body: string;
}

/** Where the SMTP server keeps what it receives. */
export function maildir(): string {
  const dir = process.env.E2E_MAILDIR;
  if (!dir) throw new Error('E2E_MAILDIR is not set: run the tests through scripts/e2e.sh');
  return dir;
}

/** Undoes quoted-printable: soft line breaks (`=` at a line's end) and `=XX` bytes. */
export function decodeQuotedPrintable(text: string): string {
  const joined = text.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const hex = joined.slice(i + 1, i + 3);
    if (joined[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(joined[i], 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Decodes RFC 2047 encoded words (`=?utf-8?q?…?=`, `=?utf-8?b?…?=`) in a header. */
function decodeHeader(value: string): string {
  return value.replace(/=\?[^?]+\?([bqBQ])\?([^?]*)\?=\s*/g, (_, encoding: string, text: string) =>
    encoding.toLowerCase() === 'b'
      ? Buffer.from(text, 'base64').toString('utf8')
      : decodeQuotedPrintable(text.replace(/_/g, ' ')),
  );
}

/** Splits a stored message into its headers (names lower case) and decoded body. */
export function parseMail(raw: string): Mail {
  const split = raw.search(/\r?\n\r?\n/);
  const head = split < 0 ? raw : raw.slice(0, split);
  const rest = split < 0 ? '' : raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const headers = new Map<string, string>();
  // A line starting with white space continues the header above it.
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const encoding = (headers.get('content-transfer-encoding') ?? '').toLowerCase();
  const body =
    encoding === 'base64'
      ? Buffer.from(rest.replace(/\s+/g, ''), 'base64').toString('utf8')
      : encoding === 'quoted-printable' || /=\r?\n/.test(rest)
        ? decodeQuotedPrintable(rest)
        : rest;
  const to = (headers.get('x-rcptto') ?? headers.get('to') ?? '')
    .split(',')
    .map((address) => address.trim().replace(/^.*<|>$/g, '').toLowerCase())
    .filter(Boolean);
  return { to, subject: decodeHeader(headers.get('subject') ?? ''), body };
}

/** Every email stored so far. */
export async function allMail(): Promise<Mail[]> {
  const mails: Mail[] = [];
  for (const folder of ['new', 'cur']) {
    const dir = join(maildir(), folder);
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names) {
      mails.push(parseMail(await readFile(join(dir, name), 'utf8')));
    }
  }
  return mails;
}

/**
 * Waits until an email to `address` whose body contains `text` has arrived
 * (the server's outbox worker sends within seconds), and returns it.
 */
export async function waitForMail(address: string, text: string, timeoutMs = 30_000): Promise<Mail> {
  const wanted = address.toLowerCase();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await allMail()).find((m) => m.to.includes(wanted) && m.body.includes(text));
    if (found) return found;
    if (Date.now() > deadline) {
      throw new Error(`no email to ${address} containing ${text} within ${timeoutMs} ms (in ${maildir()})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The first link to a supervision record in an email. */
export function recordLink(mail: Mail): string {
  const link = mail.body.match(/https?:\/\/[^\s<>"]+\/supervisions\/[0-9a-f-]{36}/)?.[0];
  if (!link) throw new Error(`no record link in the email "${mail.subject}":\n${mail.body}`);
  return link;
}
