// F2.5: a person's page shows who has managed and supervised them, newest
// first; an HR administrator (or the person's line manager) changes their
// clinical supervisor from a day, the old one's last day becomes the day
// before, and the person is told by email. The person themselves sees the
// list but not the form.
//
// Each project (phone, desktop) loads people of its own through the HR
// import (a partial export, employee numbers made from the time) into a
// corporate team no other spec counts, so no demo person's supervisor
// changes under another spec.
import { test, expect, type Page } from '@playwright/test';
import { dateGroup, expectDate, graphql, isoDate, longDate, organisationDay, personAt, signInAt } from './helpers';
import { waitForMail } from './mail';

const TEAM = 'Corporate Services / Quality and Governance / Clinical Governance Team';
const HEADER =
  'Employee Number,First Name,Surname,Work Email,Job Title,Staff Group,Organisation,Start Date,Leaving Date,' +
  'Line Manager Employee Number,Clinical Supervisor Employee Number';

/** The staff id of the only current employee with this name. */
async function staffId(page: Page, name: string): Promise<string> {
  const data = await graphql<{ searchStaff: { id: string; name: string }[] }>(
    page,
    'query Find($query: String!) { searchStaff(query: $query, limit: 5) { id name } }',
    { query: name },
  );
  const found = data.searchStaff.filter((p) => p.name === name);
  expect(found).toHaveLength(1);
  return found[0].id;
}

/** A person's page, as the links to it are made. */
function personPath(id: string, name: string): string {
  return `/staff/${id}?name=${encodeURIComponent(name)}`;
}

/** Chooses a person in the (single) staff picker labelled `label`. */
async function choose(page: Page, label: string, search: string, name: string): Promise<void> {
  await page.getByRole('combobox', { name: label }).fill(search);
  await page.getByRole('listbox', { name: 'Matching people' }).getByRole('option', { name: new RegExp(name) }).click();
  await expect(page.getByRole('button', { name: `Remove ${name}` })).toBeVisible();
}

/** Nothing on the page is wider than the screen (WCAG 1.4.10, reflow). */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    page.viewportSize()?.width ?? 0,
  );
}

test('an HR administrator changes a clinical supervisor from today, and the history shows it', async ({ page }) => {
  const stamp = `${Date.now()}`.slice(-8);
  const start = organisationDay(-30);
  const today = organisationDay();
  const yesterday = organisationDay(-1);
  const [leader, person, successor] = [`Mared Pryce${stamp}`, `Kit Ashby${stamp}`, `Noor Haddad${stamp}`];
  const kitEmail = `kit.${stamp}@northfield.example`;

  // Daniel, the HR administrator, loads three starters: Mared manages and
  // supervises Kit; Noor is about to take over Kit's clinical supervision.
  await signInAt(page, '/', 'Daniel Okoro');
  const csv = [
    HEADER,
    `S${stamp}1,Mared,Pryce${stamp},mared.${stamp}@northfield.example,Team Leader,Governance,${TEAM},${isoDate(start)},,,`,
    `S${stamp}2,Kit,Ashby${stamp},${kitEmail},Audit Facilitator,Governance,${TEAM},${isoDate(start)},,S${stamp}1,S${stamp}1`,
    `S${stamp}3,Noor,Haddad${stamp},noor.${stamp}@northfield.example,Senior Facilitator,Governance,${TEAM},${isoDate(start)},,S${stamp}1,`,
  ].join('\r\n');
  const imported = await page.request.post('/import/staff?dryRun=false&full=false', {
    headers: { 'X-Requested-With': 'supervision', 'Content-Type': 'text/csv' },
    data: Buffer.from(`${csv}\r\n`),
  });
  expect(imported.ok()).toBeTruthy();
  const report = await imported.json();
  expect(report.errors).toEqual([]);
  expect(report.applied).toBe(true);

  // Kit's page: who has managed and supervised him, newest first.
  await page.goto(personPath(await staffId(page, person), person));
  await expect(page.getByRole('heading', { level: 1, name: `Supervision history of ${person}` })).toBeVisible();
  const section = page.getByRole('region', { name: 'Line managers and clinical supervisors' });
  const periods = section.locator('.allocation-list > li');
  await expect(periods).toHaveCount(2);
  await expect(periods.filter({ hasText: 'Line manager:' })).toHaveText(`Line manager: ${leader}, from ${longDate(start)}`);
  await expect(periods.filter({ hasText: 'Clinical supervisor:' })).toHaveText(
    `Clinical supervisor: ${leader}, from ${longDate(start)}`,
  );

  // The form: which changes, who takes over, from when (today unless changed).
  const form = page.getByRole('form', { name: 'Change line manager or clinical supervisor' });
  await expect(form).toBeVisible();
  await expectDate(dateGroup(form, 'First day'), today);

  // Nothing chosen: the browser names every missing answer at once.
  await form.getByRole('button', { name: 'Make the change' }).click();
  const summary = page.locator('#error-summary');
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('Choose whether the line manager or the clinical supervisor changes.');
  await expect(summary).toContainText('Choose who takes over');

  // Mared already supervises Kit: the server's field error, beside the picker.
  await form.getByRole('radio', { name: 'Clinical supervisor' }).check();
  await choose(page, 'New line manager or clinical supervisor', `Mared Pryce${stamp}`, leader);
  await form.getByRole('button', { name: 'Make the change' }).click();
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('They already hold it on that day.');
  await expect(page.locator('#toId-error')).toContainText('They already hold it on that day.');
  await expect(page.getByRole('combobox', { name: 'New line manager or clinical supervisor' })).toHaveAttribute(
    'aria-invalid',
    'true',
  );

  // Noor from today.
  await choose(page, 'New line manager or clinical supervisor', `Noor Haddad${stamp}`, successor);
  await expect(page.getByRole('button', { name: `Remove ${leader}` })).toHaveCount(0);
  await form.getByRole('button', { name: 'Make the change' }).click();
  const status = page.locator('#allocations-status');
  await expect(status).toHaveText(
    `${successor} is ${person}'s clinical supervisor from ${longDate(today)}; Kit has been told by email.`,
  );
  await expect(status).toBeFocused();
  await expect(summary).toHaveCount(0);

  // The history, newest first: Noor from today, Mared until yesterday.
  await expect(periods).toHaveCount(3);
  await expect(periods.first()).toHaveText(`Clinical supervisor: ${successor}, from ${longDate(today)}`);
  await expect(periods.filter({ hasText: `Clinical supervisor: ${leader}` })).toHaveText(
    `Clinical supervisor: ${leader}, from ${longDate(start)} to ${longDate(yesterday)}`,
  );
  await expect(periods.filter({ hasText: 'Line manager:' })).toHaveText(`Line manager: ${leader}, from ${longDate(start)}`);
  await expectNoSidewaysScroll(page);

  // It is kept, and Kit has been told who supervises him now.
  await page.reload();
  await expect(periods.first()).toHaveText(`Clinical supervisor: ${successor}, from ${longDate(today)}`);
  const mail = await waitForMail(kitEmail, `your clinical supervisor is ${successor}`);
  expect(mail.subject).toBe(`Your clinical supervisor from ${longDate(today)}`);
});

test('the person sees who manages and supervises them, and only their line manager and HR may change it', async ({ browser, viewport }) => {
  const tom = await personAt(browser, '/', 'Tom Reed', viewport);
  const tomId = (await graphql<{ me: { id: string } }>(tom, 'query { me { id } }')).me.id;
  await tom.goto(personPath(tomId, 'Tom Reed'));
  const section = tom.getByRole('region', { name: 'Line managers and clinical supervisors' });
  await expect(section.locator('.allocation-list > li').filter({ hasText: 'Line manager:' }).first()).toContainText(
    'Line manager: Priya Shah, from',
  );
  await expect(section.locator('.allocation-list > li').filter({ hasText: 'Clinical supervisor:' }).first()).toContainText(
    'Clinical supervisor: Priya Shah, from',
  );
  await expect(tom.getByRole('heading', { name: 'Change line manager or clinical supervisor' })).toHaveCount(0);
  await expectNoSidewaysScroll(tom);

  // Priya, his line manager, is offered the form on the same page.
  const priya = await personAt(browser, personPath(tomId, 'Tom Reed'), 'Priya Shah', viewport);
  await expect(priya.getByRole('form', { name: 'Change line manager or clinical supervisor' })).toBeVisible();
  await expect(priya.getByRole('radio', { name: 'Line manager' })).not.toBeChecked();
});
