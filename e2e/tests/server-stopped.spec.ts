// F3.10 with the server really gone, not a route made to fail: a record
// typed while the server is stopped stays on the device (a failed save says
// so and loses nothing; a reload that cannot reach the server loses nothing
// either), and once the server is back the same person, still signed in,
// sends it, and exactly one record is stored.
//
// This spec runs its own server (the binary scripts/e2e.sh builds) on a
// fresh SQLite database, since it stops and restarts it: on E2E_RESTART_PORT
// (default 3103) plus the project's index, so the phone and desktop runs
// never share a port or a database.
import { test, expect, type Page, type TestInfo } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, openSync, closeSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { browserDay, checkAnswer, chooseMode, continueTo, continueToCheck, expectStep, longDate, pickSupervisee } from './helpers';

const ROOT = process.env.E2E_ROOT ?? path.resolve(process.cwd(), '..');
const BASE_PORT = Number(process.env.E2E_RESTART_PORT ?? 3103);

/** The server binary on a database of its own, which can be stopped and started again. */
class OwnServer {
  private child: ChildProcess | undefined;
  readonly url: string;
  readonly log: string;

  constructor(
    readonly port: number,
    readonly dir: string,
  ) {
    this.url = `http://127.0.0.1:${port}`;
    this.log = path.join(dir, 'server.log');
  }

  /** Starts the server (as scripts/e2e.sh starts its own) and waits until it is ready. */
  async start(): Promise<void> {
    const out = openSync(this.log, 'a');
    const child = spawn(path.join(ROOT, 'target/debug/supervision'), [], {
      cwd: ROOT,
      env: {
        ...process.env,
        SUPERVISION_DATABASE_URL: `sqlite://${path.join(this.dir, 'restart.db')}?mode=rwc`,
        SUPERVISION_BIND: `127.0.0.1:${this.port}`,
        SUPERVISION_STATIC_DIR: path.join(ROOT, 'frontend/dist'),
        SUPERVISION_ATTACHMENT_STORE: path.join(this.dir, 'attachments'),
        SUPERVISION_DEMO_MONTHS: '6',
        SUPERVISION_REMINDERS: 'false',
        RUST_LOG: 'warn',
      },
      stdio: ['ignore', out, out],
    });
    closeSync(out);
    this.child = child;
    // Should the test runner itself be stopped, the server goes with it.
    const orphaned = () => child.kill('SIGKILL');
    process.once('exit', orphaned);
    child.once('exit', () => process.removeListener('exit', orphaned));
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`the server stopped at start (${child.exitCode ?? child.signalCode}):\n${this.tail()}`);
      }
      const ready = await fetch(`${this.url}/health/ready`).then((r) => r.ok, () => false);
      if (ready) return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`${this.url}/health/ready never answered:\n${this.tail()}`);
  }

  /** Stops the server as a service manager would (SIGTERM), and waits until it has gone. */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const gone = await Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 10_000))]);
    if (!gone) {
      child.kill('SIGKILL');
      await exited;
    }
  }

  private tail(): string {
    try {
      return readFileSync(this.log, 'utf8').split('\n').slice(-20).join('\n');
    } catch {
      return '(no log)';
    }
  }
}

/** This project's own port, so two projects never collide. */
function portFor(info: TestInfo): number {
  const index = info.config.projects.findIndex((p) => p.name === info.project.name);
  return BASE_PORT + Math.max(index, 0);
}

let server: OwnServer | undefined;
let dir: string | undefined;

test.afterEach(async () => {
  await server?.stop();
  server = undefined;
});

test.afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** The links to Priya's records of this kind held on `day`, as her home page lists them. */
function recordsHeldOn(page: Page, day: Date) {
  return page.locator('.record-card').getByRole('link', { name: `One-to-one clinical supervision, ${longDate(day)}`, exact: true });
}

/** Every draft this browser keeps on the device, as text. */
async function draftsOnDevice(page: Page): Promise<string> {
  return page.evaluate(() =>
    Object.keys(localStorage)
      .filter((key) => key.startsWith('supervision.draft:'))
      .map((key) => localStorage.getItem(key) ?? '')
      .join('\n'),
  );
}

test('a record typed while the server is stopped is sent once after it returns', async ({ page }, testInfo) => {
  // Two server starts, each seeding or opening a database, on two cores.
  test.setTimeout(240_000);
  dir = mkdtempSync(path.join(tmpdir(), 'supervision-restart-'));
  server = new OwnServer(portFor(testInfo), dir);
  await server.start();
  const stamp = Date.now();
  const story = `Lone working after the late visit, typed while the server was down ${stamp}`;
  const reflection = `Felt unsupported until the team huddle ${stamp}`;

  // Priya signs in; her home page lists what she has recorded today.
  await page.goto(`${server.url}/`);
  await expect(page).toHaveURL(/\/signin\?return=/);
  await page.getByRole('button', { name: 'Sign in as Priya Shah', exact: true }).click();
  await expect(page.locator('.signed-in-name')).toContainText('Priya Shah');
  await expect(page.getByRole('heading', { level: 1, name: 'My own supervisions' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Supervision I received' })).toBeVisible();
  await expect(page.locator('.record-card').first()).toBeVisible();
  const today = await browserDay(page);
  const before = await recordsHeldOn(page, today).count();

  // She opens the form and chooses Tom (the picker asks the server)...
  await page.goto(`${server.url}/record`);
  await expectStep(page, 'Who and how');
  await pickSupervisee(page, 'Tom', 'Tom Reed');

  // ...and then the server stops.
  await server.stop();
  await expect(fetch(`${server.url}/health/live`)).rejects.toThrow();

  // She types the record, step by step (moving between the steps needs no
  // server), and saves it: it cannot be sent, and she is told that it is
  // kept on this device.
  await page.getByLabel('Approach').selectOption({ label: 'Structured reflection' });
  await chooseMode(page);
  await continueTo(page, 'About the session');
  await page.getByRole('checkbox', { name: 'Supportive' }).check();
  await continueTo(page, 'What was discussed');
  await page.getByLabel('Experience').fill(story);
  await page.getByLabel('Reflection').fill(reflection);
  await continueTo(page, 'Analysis and plan');
  await continueToCheck(page, 'Analysis and plan');
  await page.getByRole('button', { name: 'Save record', exact: true }).click();
  await expect(
    page.getByRole('alert').filter({ hasText: 'We could not reach the server. Your record is kept on this device; press Save record again to send it.' }),
  ).toBeVisible();
  await expect(page.locator('#error-summary')).toBeFocused();
  await expect(page).toHaveURL(`${server.url}/record?step=check`);
  await expectStep(page, 'Check your answers');
  await expect(checkAnswer(page, 'Experience')).toContainText(story);
  await expect(page.getByRole('button', { name: 'Save record', exact: true })).toBeEnabled();
  expect(await draftsOnDevice(page)).toContain(story);

  // Reloading cannot reach the server either; the browser shows its own
  // error page, and what she typed is still on the device.
  await expect(page.reload()).rejects.toThrow(/ERR_CONNECTION_REFUSED/);

  // The server comes back on the same port and database. She reloads: she
  // is still signed in (sessions are kept in the database) and the form
  // comes back from this device, at the step she was on.
  await server.start();
  await page.goto(`${server.url}/record?step=check`);
  await expect(page.locator('.signed-in-name')).toContainText('Priya Shah');
  await expect(page).toHaveURL(`${server.url}/record?step=check`);
  await expectStep(page, 'Check your answers');
  await expect(page.getByText('We have restored the record you started earlier but did not save.')).toBeVisible();
  await expect(checkAnswer(page, 'Experience')).toContainText(story);
  await expect(checkAnswer(page, 'Reflection')).toContainText(reflection);
  await expect(checkAnswer(page, 'Approach')).toContainText('Structured reflection');
  await expect(checkAnswer(page, 'Supervisees')).toContainText('Tom Reed');
  await expect(checkAnswer(page, 'Functions')).toContainText('Supportive');

  // She saves it, and it is stored.
  await page.getByRole('button', { name: 'Save record', exact: true }).click();
  await expect(page).toHaveURL(/\/supervisions\/[0-9a-f-]{36}\?saved=1$/);
  const id = new URL(page.url()).pathname.split('/').pop();
  await expect(page.getByText(story)).toBeVisible();
  expect(await draftsOnDevice(page)).not.toContain(story);

  // Exactly one record holds what she typed: her home page lists one more
  // session today than before, and the API knows one record with the story.
  await page.goto(`${server.url}/`);
  await expect(page.locator('.record-card').first()).toBeVisible();
  await expect(recordsHeldOn(page, today)).toHaveCount(before + 1);
  const answer = await page.request.post(`${server.url}/graphql`, {
    headers: { 'content-type': 'application/json', 'x-requested-with': 'supervision' },
    data: { query: '{ mySupervisions(first: 100) { nodes { id experience reflection } } }' },
  });
  expect(answer.ok()).toBeTruthy();
  const nodes: { id: string; experience: string; reflection: string }[] = (await answer.json()).data.mySupervisions.nodes;
  const stored = nodes.filter((n) => n.experience === story);
  expect(stored.map((n) => n.id)).toEqual([id]);
  expect(stored[0].reflection).toBe(reflection);
});
