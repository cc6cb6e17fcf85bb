// Shared steps for the end-to-end tests.
import { type Browser, type Locator, type Page, expect } from '@playwright/test';

/** Opens `path` signed out, is sent to sign-in, signs in as `name`, and lands back on `path`. */
export async function signInAt(page: Page, path: string, name: string): Promise<void> {
  await page.goto(path);
  await expect(page).toHaveURL(/\/signin\?return=/);
  await page.getByRole('button', { name: `Sign in as ${name}`, exact: true }).click();
  await expect(page.locator('.signed-in-name')).toContainText(name);
}

/** A fresh browser context (its own cookies), signed in as `name` at `path`. */
export async function personAt(browser: Browser, path: string, name: string, viewport?: { width: number; height: number } | null): Promise<Page> {
  const context = await browser.newContext(viewport ? { viewport } : {});
  const page = await context.newPage();
  await signInAt(page, path, name);
  return page;
}

/** Adds a supervisee through the type-ahead picker. */
export async function pickSupervisee(page: Page, search: string, name: string): Promise<void> {
  const picker = page.getByRole('combobox', { name: 'Supervisees' });
  await picker.fill(search);
  await page.getByRole('listbox', { name: 'Matching people' }).getByRole('option', { name: new RegExp(name) }).first().click();
  await expect(page.getByRole('button', { name: `Remove ${name}` })).toBeVisible();
}

/** The OpenID Connect provider's address, as scripts/e2e.sh started it. */
export const PROVIDER = process.env.E2E_OIDC_URL ?? 'http://127.0.0.1:3400';

/** A pattern for an address at the start of a URL. */
export function at(origin: string, path = ''): RegExp {
  return new RegExp(`^${(origin + path).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`);
}

/** Signs in at the OpenID Connect provider's own login page (any password). */
export async function signInAtProvider(page: Page, login: string): Promise<void> {
  await expect(page).toHaveURL(at(PROVIDER, '/interaction/'));
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any password');
  await page.locator('button[type="submit"]').click();
  // First visit: the provider asks to share the details with this service.
  const consent = page.locator('button[type="submit"]', { hasText: /continue/i });
  if (await consent.isVisible({ timeout: 3000 }).catch(() => false)) {
    await consent.click();
  }
}

/** The demo organisations' time zone, in which the app judges every day. */
export const ORGANISATION_ZONE = 'Europe/London';

/** Today where the organisation is, `days` on (negative: before), as a UTC date for formatting. */
export function organisationDay(days = 0): Date {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: ORGANISATION_ZONE, year: 'numeric', month: 'numeric', day: 'numeric',
  }).formatToParts(new Date());
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return new Date(Date.UTC(part('year'), part('month') - 1, part('day') + days));
}

/** Today as the app judges it (the organisation's day), `days` on. Kept with
 * a page argument for the tests that read it beside one. */
export async function browserDay(_page: Page, days = 0): Promise<Date> {
  return organisationDay(days);
}

/** "2026-11-22": a date as the API and addresses write it. */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** A three-box date input (day, month, year), by its legend, within `scope`. */
export function dateGroup(scope: Page | Locator, legend: string): Locator {
  return scope.getByRole('group', { name: legend, exact: true });
}

/** One box of a three-box date input; the Day box has the field's own id. */
export function dateBox(group: Locator, part: 'Day' | 'Month' | 'Year'): Locator {
  return group.getByLabel(part, { exact: true });
}

/** A date's day, month and year as its boxes take them, unpadded: the same
 * calendar day as `isoDate` writes (the UTC fields of the days made here). */
function dateParts(date: Date): [day: number, month: number, year: number] {
  return [date.getUTCDate(), date.getUTCMonth() + 1, date.getUTCFullYear()];
}

/** Types a date into a three-box date input (the group named by its legend); null empties it. */
export async function fillDate(group: Locator, date: Date | null): Promise<void> {
  const [day, month, year] = date ? dateParts(date).map(String) : ['', '', ''];
  await dateBox(group, 'Day').fill(day);
  await dateBox(group, 'Month').fill(month);
  await dateBox(group, 'Year').fill(year);
}

/** Expects a three-box date input to show this date (a day or month with or
 * without a leading zero; the year in four figures); null: all three empty. */
export async function expectDate(group: Locator, date: Date | null): Promise<void> {
  if (date === null) {
    for (const part of ['Day', 'Month', 'Year'] as const) {
      await expect(dateBox(group, part)).toHaveValue('');
    }
    return;
  }
  const [day, month, year] = dateParts(date);
  await expect(dateBox(group, 'Day')).toHaveValue(new RegExp(`^0?${day}$`));
  await expect(dateBox(group, 'Month')).toHaveValue(new RegExp(`^0?${month}$`));
  await expect(dateBox(group, 'Year')).toHaveValue(String(year));
}

/** "22 November 2026": a date as the app writes it. */
export function longDate(date: Date): string {
  return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** The ids of the records in `name`'s own list whose experience is `experience`, asked of the API as them (a fresh context, closed after). */
export async function ownRecordsWith(browser: Browser, name: string, experience: string, viewport?: { width: number; height: number } | null): Promise<string[]> {
  const person = await personAt(browser, '/', name, viewport);
  await expect(person.getByRole('heading', { level: 1, name: 'My own supervisions' })).toBeVisible();
  const answer = await person.request.post(new URL('/graphql', person.url()).toString(), {
    headers: { 'content-type': 'application/json', 'x-requested-with': 'supervision' },
    data: { query: '{ mySupervisions(first: 100) { nodes { id experience } } }' },
  });
  expect(answer.ok()).toBeTruthy();
  const nodes: { id: string; experience: string }[] = (await answer.json()).data.mySupervisions.nodes;
  await person.context().close();
  return nodes.filter((n) => n.experience === experience).map((n) => n.id);
}

/** Chooses how the session was held on the record form: never chosen for the person (GOV.UK). */
export async function chooseMode(page: Page, mode: 'Face to face' | 'Video' | 'Phone' = 'Face to face'): Promise<void> {
  await page.getByRole('group', { name: 'Mode' }).getByRole('radio', { name: mode, exact: true }).check();
}

/** The record form's steps (GOV.UK question pages), by their headings, in order. */
export const RECORD_STEPS = ['Who and how', 'About the session', 'What was discussed', 'Analysis and plan', 'Actions and cases', 'Check your answers'] as const;
export type RecordStep = (typeof RECORD_STEPS)[number];

/** Expects the record form to be at the step headed `heading`. */
export async function expectStep(page: Page, heading: RecordStep): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: heading, exact: true })).toBeVisible();
}

/**
 * Presses Continue on record-form steps until the step headed `heading`,
 * expecting each step in between in turn (their answers as given, or their
 * defaults). Waits first on each for what it is still loading (carried-forward
 * actions): it pushes the button down as it arrives, and a click aimed a
 * moment before would land on what took its place.
 */
export async function continueTo(page: Page, heading: Exclude<RecordStep, 'Who and how'>): Promise<void> {
  const target = RECORD_STEPS.indexOf(heading);
  const shown = (await page.getByRole('heading', { level: 1 }).innerText()).trim();
  const from = RECORD_STEPS.indexOf(shown as RecordStep);
  expect(from, `the record form is at "${shown}", before "${heading}"`).toBeGreaterThanOrEqual(0);
  expect(from).toBeLessThan(target);
  for (const next of RECORD_STEPS.slice(from + 1, target + 1)) {
    await expect(page.locator('main .loading')).toHaveCount(0);
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await expectStep(page, next);
  }
}

/** Follows the "Back" link at the top of a record-form step to the step before. */
export async function backTo(page: Page, heading: Exclude<RecordStep, 'Check your answers'>): Promise<void> {
  await page.getByRole('link', { name: 'Back', exact: true }).click();
  await expectStep(page, heading);
}

/** From the step headed `from` (whose answers are all given), continues through the steps after it to "Check your answers". */
export async function continueToCheck(page: Page, from: RecordStep): Promise<void> {
  await expectStep(page, from);
  for (const next of RECORD_STEPS.slice(RECORD_STEPS.indexOf(from) + 1)) {
    await continueTo(page, next as Exclude<RecordStep, 'Who and how'>);
  }
}

/** Presses "Save record" on "Check your answers" and waits for the saved record's page; returns its path. */
export async function saveRecord(page: Page): Promise<string> {
  await expectStep(page, 'Check your answers');
  await page.getByRole('button', { name: 'Save record', exact: true }).click();
  await expect(page).toHaveURL(/\/supervisions\/[0-9a-f-]{36}\?saved=1$/);
  return new URL(page.url()).pathname;
}

/** From "What was discussed" onwards (or the later step `from`): continues through the remaining steps and saves the record; returns its path. */
export async function saveRecordFrom(page: Page, from: Exclude<RecordStep, 'Who and how'> = 'What was discussed'): Promise<string> {
  await continueToCheck(page, from);
  return saveRecord(page);
}

/** Opens the collapsed "Change" part of a carried-forward action on the record form (`item`, its list item), unless it is open already. */
export async function openCarriedChange(item: Locator): Promise<void> {
  const details = item.locator('details').filter({ has: item.page().locator('summary', { hasText: /^\s*Change\b/ }) });
  if ((await details.getAttribute('open')) === null) {
    await details.locator('summary').click();
  }
  await expect(details).toHaveAttribute('open', '');
}

/** A row of the record form's "Check your answers" list, by the question it answers (the start of its text). */
export function checkAnswer(page: Page, question: string): Locator {
  const escaped = question.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return page.locator('.summary-row').filter({ hasText: new RegExp(`^\\s*${escaped}`) });
}

/** Sends one GraphQL operation as the signed-in person, as the app does, and expects no errors. */
export async function graphql<T = unknown>(page: Page, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await page.request.post('/graphql', {
    headers: { 'X-Requested-With': 'supervision' },
    data: { query, variables },
  });
  expect(response.ok()).toBeTruthy();
  const body = await response.json();
  expect(body.errors ?? []).toEqual([]);
  return body.data as T;
}
