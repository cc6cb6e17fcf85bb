// F5.1, F5.8: policy as data. A rule less frequent than the organisation's
// default waits for a head of service other than its proposer; until then
// the default applies. Heads of service and system administrators see the
// rules; staff are told the page is not for them.
//
// The approval here runs on a profession-wide rule proposed by the system
// administrator, which any head of service may approve. (Each division of
// the demo has two heads of service; one approving the other's unit rule is
// tested over the API, backend/tests/api/policy.rs.)
//
// Each project (phone, desktop) runs against the same server: every rule is
// told apart by its reason, and starts two years on, so it changes no one's
// compliance in the other tests.
import { test, expect, type Page } from '@playwright/test';
import { browserDay, dateGroup, fillDate, longDate, personAt } from './helpers';

async function openPolicy(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Policy rules' }).click();
  await expect(page).toHaveURL(/\/policy$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Policy rules' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Propose a rule' })).toBeVisible();
}

/** The card of the rule given this reason, in one of the page's lists. */
function ruleIn(page: Page, list: string, reason: string) {
  return page.getByRole('region', { name: list, exact: true }).getByRole('listitem').filter({ hasText: reason });
}

/** A unique reason for this run. */
function reasonFor(what: string, project: string): string {
  return `${what} (${project} ${Date.now()})`;
}

test('a less frequent rule waits for a head of service, who approves it', async ({ browser, viewport }, testInfo) => {
  const reason = reasonFor('Physiotherapists on rotation keep their own peer sessions', testInfo.project.name);
  const ruth = await personAt(browser, '/', 'Ruth Adeyemi', viewport);
  await openPolicy(ruth);

  // The organisation's defaults, set up with the system, are in force.
  const inForce = ruth.getByRole('region', { name: 'In force', exact: true });
  await expect(inForce.getByRole('listitem').filter({ hasText: 'Clinical supervision: every 56 days (8 weeks)' }).first())
    .toContainText('Set up with the system');

  // Clinical supervision every 12 weeks for physiotherapists, from two years on.
  const from = await browserDay(ruth, 730);
  await expect(ruth.getByRole('radio', { name: 'Clinical supervision' })).toBeChecked();
  await ruth.getByRole('radio', { name: 'A profession' }).check();
  await ruth.getByLabel('Which profession').fill('Physiotherapy');
  await ruth.getByLabel('Number of days').fill('84');
  await fillDate(dateGroup(ruth, 'In force from'), from);
  await expect(ruth.getByText('it will wait for a head of service other than you to approve it')).toBeVisible();
  await ruth.getByLabel('Reason', { exact: true }).fill(reason);
  await ruth.getByRole('button', { name: 'Propose rule' }).click();

  const status = ruth.getByRole('status').filter({ hasText: 'Rule proposed' });
  await expect(status).toContainText('awaiting approval by a head of service other than you');
  await expect(ruth.locator('#policy-status')).toBeFocused();
  const proposed = ruleIn(ruth, 'Awaiting approval', reason);
  await expect(proposed.getByRole('heading', { level: 3 })).toHaveText('Clinical supervision: every 84 days (12 weeks)');
  await expect(proposed).toContainText('Awaiting approval');
  await expect(proposed).toContainText('Profession: Physiotherapy');
  await expect(proposed).toContainText(longDate(from));
  await expect(proposed).toContainText('Ruth Adeyemi');
  await expect(proposed).toContainText("the organisation's default (every 56 days (8 weeks)) applies");
  // An administrator is no head of service: no button, and the reason why.
  await expect(proposed.getByRole('button', { name: /^Approve/ })).toHaveCount(0);
  await expect(proposed).toContainText('Only a head of service can approve');

  // A head of service (someone other than the proposer) approves it.
  const helen = await personAt(browser, '/', 'Helen Carter', viewport);
  await openPolicy(helen);
  const waiting = ruleIn(helen, 'Awaiting approval', reason);
  await expect(waiting).toContainText('Ruth Adeyemi');
  await waiting.getByRole('button', { name: /^Approve/ }).click();
  await expect(helen.getByRole('status').filter({ hasText: 'Rule approved' })).toContainText(longDate(from));
  await expect(helen.locator('#policy-status')).toBeFocused();
  await expect(ruleIn(helen, 'Awaiting approval', reason)).toHaveCount(0);
  const approved = ruleIn(helen, 'Starting later', reason);
  await expect(approved).toContainText(/Approved by Helen Carter on \d{1,2} [A-Z][a-z]+ \d{4}/);
  await expect(approved.locator('.tag')).toHaveText('Approved');

  // The proposer sees it approved too, and by whom.
  await ruth.reload();
  await expect(ruleIn(ruth, 'Starting later', reason)).toContainText('Approved by Helen Carter on');
  await expect(ruleIn(ruth, 'Awaiting approval', reason)).toHaveCount(0);
});

test('no one approves their own rule, nor one for a unit outside their services', async ({ browser, viewport }, testInfo) => {
  const reason = reasonFor('Physiotherapy team pilot of group supervision', testInfo.project.name);
  const helen = await personAt(browser, '/', 'Helen Carter', viewport);
  await openPolicy(helen);

  // A head of service sets rules for her units and her people only.
  await expect(helen.getByRole('radio', { name: /^An org unit/ })).toBeChecked();
  await expect(helen.getByRole('radio', { name: 'The whole organisation' })).toHaveCount(0);
  await helen.getByLabel('Which unit').selectOption({ label: 'Physiotherapy, in Therapies' });
  await helen.getByLabel('Number of days').fill('70');
  await fillDate(dateGroup(helen, 'In force from'), await browserDay(helen, 730));
  await helen.getByLabel('Reason', { exact: true }).fill(reason);
  await helen.getByRole('button', { name: 'Propose rule' }).click();
  await expect(helen.getByRole('status').filter({ hasText: 'Rule proposed' })).toBeVisible();

  const own = ruleIn(helen, 'Awaiting approval', reason);
  await expect(own).toContainText('Everyone in Physiotherapy and the units below it');
  await expect(own).toContainText('Helen Carter');
  await expect(own.getByRole('button', { name: /^Approve/ })).toHaveCount(0);
  await expect(own).toContainText('You proposed this rule, so a head of service other than you must approve it.');

  // The head of another division sees it, named though it is not one of
  // his units, but it is not his to approve.
  const marcus = await personAt(browser, '/', 'Marcus Bell', viewport);
  await openPolicy(marcus);
  const elsewhere = ruleIn(marcus, 'Awaiting approval', reason);
  await expect(elsewhere).toContainText('Everyone in Physiotherapy and the units below it');
  await expect(elsewhere.getByRole('button', { name: /^Approve/ })).toHaveCount(0);
  await expect(elsewhere).toContainText('This unit is not one you oversee');
});

test('a bad proposal shows the server\'s errors beside the fields, and nothing is saved', async ({ browser, viewport }) => {
  const helen = await personAt(browser, '/', 'Helen Carter', viewport);
  await openPolicy(helen);
  const cards = helen.locator('.record-card');
  await expect(cards.first()).toBeVisible();
  const before = await cards.count();

  // More than a year between sessions, and no reason.
  await helen.getByLabel('Which unit').selectOption({ label: 'Community Nursing North, in Adult Community Nursing' });
  await helen.getByLabel('Number of days').fill('400');
  await helen.getByRole('button', { name: 'Propose rule' }).click();

  const summary = helen.locator('#error-summary');
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link', { name: 'Give a number of days from 1 to 366.' })).toBeVisible();
  await expect(summary.getByRole('link', { name: 'Say why: whoever approves it reads this.' })).toBeVisible();
  const days = helen.getByLabel('Number of days');
  await expect(days).toHaveAttribute('aria-invalid', 'true');
  await expect(helen.locator('#days-error')).toHaveText('Error: Give a number of days from 1 to 366.');
  await expect(days).toHaveAccessibleDescription(/Give a number of days from 1 to 366\./);
  await expect(helen.locator('#reason-error')).toHaveText('Error: Say why: whoever approves it reads this.');
  await expect(helen.getByLabel('Reason', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  // A link in the summary takes you to the field.
  await summary.getByRole('link', { name: 'Give a number of days from 1 to 366.' }).click();
  await expect(days).toBeFocused();
  await expect(helen.getByRole('status').filter({ hasText: /Rule (proposed|saved)/ })).toHaveCount(0);

  // Nothing was saved.
  await helen.reload();
  await expect(cards.first()).toBeVisible();
  expect(await cards.count()).toBe(before);
});

test('staff are not offered policy rules, and are told so if they go there', async ({ browser, viewport }) => {
  const tom = await personAt(browser, '/', 'Tom Reed', viewport);
  await expect(tom.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My actions' })).toBeVisible();
  await expect(tom.getByRole('link', { name: 'Policy rules' })).toHaveCount(0);
  await tom.goto('/policy');
  await expect(tom.getByRole('heading', { level: 1, name: 'Policy rules' })).toBeVisible();
  await expect(tom.getByText('This page is not available to you.')).toBeVisible();
  await expect(tom.getByRole('button', { name: 'Propose rule' })).toHaveCount(0);
});
