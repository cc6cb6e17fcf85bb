// F2.1 (issue 14): the unit tree over time, for HR and system
// administrators. A unit is opened from today and renamed; it is in the
// tree (under the unit it was opened in) but not in the tree as it was
// yesterday; it is moved under another service; a team people still work
// in is not closed (the server's reason at the field); the empty new unit
// is, and is listed again only with the closed units. A change is never
// recorded ahead of its day.
//
// Each project (phone, desktop) runs against the same server: its units
// are told apart by their names.
import { test, expect, type Page } from '@playwright/test';
import { dateBox, dateGroup, expectDate, fillDate, longDate, organisationDay, personAt, signInAt } from './helpers';

const PARENT = 'Northfield Health and Care NHS Trust / Community Services / Adult Community Nursing';
const BUSY_TEAM = `${PARENT} / Community Nursing North`;
const THERAPIES = 'Northfield Health and Care NHS Trust / Community Services / Therapies';

async function openUnits(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Units', exact: true }).click();
  await expect(page).toHaveURL(/\/units$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Units' })).toBeVisible();
  await expect(page).toHaveTitle('Units – Supervision records');
}

/** Nothing on the page is wider than the screen (WCAG 1.4.10, reflow). */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    page.viewportSize()?.width ?? 0,
  );
}

test('a unit is opened, renamed, absent from the tree as it was, moved, and closed once empty', async ({ browser, viewport }, testInfo) => {
  const stamp = `${testInfo.project.name} ${Date.now()}`;
  const opened = `Rapid Response ${stamp}`;
  const renamed = `Urgent Community Response ${stamp}`;
  const today = longDate(organisationDay(0));
  const ruth = await personAt(browser, '/', 'Ruth Adeyemi', viewport);
  await openUnits(ruth);

  // The tree is nested: each unit's own units are a list named after it.
  const tree = ruth.getByRole('region', { name: 'The tree' });
  await expect(ruth.locator('#tree-caption')).toHaveText(new RegExp(`^On ${today}: \\d+ units\\.$`));
  const nursing = tree.getByRole('list', { name: 'Below Adult Community Nursing' });
  await expect(nursing.getByRole('listitem').filter({ hasText: 'Community Nursing North' })).toBeVisible();
  await expectNoSidewaysScroll(ruth);

  // Opened from today (the day offered), under Adult Community Nursing.
  const form = ruth.getByRole('form', { name: 'Change the units' });
  await expect(form.getByRole('radio', { name: 'Open a new unit' })).toBeChecked();
  const from = dateGroup(form, 'From');
  await expectDate(from, organisationDay(0));
  await form.getByLabel('Under', { exact: true }).selectOption({ label: PARENT });
  await form.getByLabel('Name', { exact: true }).fill(opened);
  await form.getByLabel('Level', { exact: true }).selectOption({ label: 'Team' });
  await form.getByRole('button', { name: 'Make the change' }).click();
  const status = ruth.locator('#units-status');
  await expect(status).toHaveText(`${opened} is open under Adult Community Nursing from ${today}.`);
  await expect(status).toBeFocused();
  await expect(nursing.getByRole('listitem').filter({ hasText: opened })).toContainText(`${opened}, Team, opened ${today}`);

  // Renamed: not from tomorrow (checked before sending), from today.
  await form.getByRole('radio', { name: 'Rename a unit' }).check();
  await form.getByLabel('Unit', { exact: true }).selectOption({ label: `${PARENT} / ${opened}` });
  await form.getByLabel('New name').fill(renamed);
  await fillDate(from, organisationDay(1));
  await form.getByRole('button', { name: 'Make the change' }).click();
  const summary = ruth.locator('#error-summary');
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('today or earlier');
  await expect(dateBox(from, 'Day')).toHaveAttribute('aria-invalid', 'true');
  await fillDate(from, organisationDay(0));
  await form.getByRole('button', { name: 'Make the change' }).click();
  await expect(status).toHaveText(`${opened} is called ${renamed} from ${today}.`);
  await expect(nursing).toContainText(renamed);
  await expect(tree).not.toContainText(opened);

  // As it was yesterday: the teams were there, the new unit was not.
  const asAt = dateGroup(tree, 'As it was on');
  await fillDate(asAt, organisationDay(-1));
  await expect(ruth.locator('#tree-caption')).toContainText(`On ${longDate(organisationDay(-1))}:`);
  await expect(nursing.getByRole('listitem').filter({ hasText: 'Community Nursing North' })).toBeVisible();
  await expect(tree).not.toContainText(renamed);
  await fillDate(asAt, organisationDay(0));
  await expect(nursing).toContainText(renamed);

  // Moved under Therapies from today: listed there, no longer under nursing.
  await form.getByRole('radio', { name: 'Move a unit under another' }).check();
  await form.getByLabel('Unit', { exact: true }).selectOption({ label: `${PARENT} / ${renamed}` });
  await form.getByLabel('Under', { exact: true }).selectOption({ label: THERAPIES });
  await form.getByRole('button', { name: 'Make the change' }).click();
  await expect(status).toHaveText(`${renamed} is under Therapies from ${today}.`);
  await expect(status).toBeFocused();
  const therapies = tree.getByRole('list', { name: 'Below Therapies' });
  await expect(therapies.getByRole('listitem').filter({ hasText: renamed })).toBeVisible();
  await expect(nursing).not.toContainText(renamed);

  // A team people work in is not closed: the server's reason, at the field.
  await form.getByRole('radio', { name: 'Close a unit' }).check();
  await form.getByLabel('Unit', { exact: true }).selectOption({ label: BUSY_TEAM });
  await form.getByRole('button', { name: `Close the unit ${BUSY_TEAM}` }).click();
  await expect(form.getByRole('group', { name: new RegExp(`^Close ${BUSY_TEAM} from ${today}\\?`) })).toBeVisible();
  await form.getByRole('button', { name: 'Yes, close it' }).click();
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('people still work in it: move them first.');
  await expect(ruth.locator('#unitId-error')).toContainText('people still work in it: move them first.');
  await expect(form.getByLabel('Unit', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(nursing).toContainText('Community Nursing North');

  // The new unit is empty: closed, after asking.
  await form.getByLabel('Unit', { exact: true }).selectOption({ label: `${THERAPIES} / ${renamed}` });
  await form.getByRole('button', { name: `Close the unit ${THERAPIES} / ${renamed}` }).click();
  await form.getByRole('button', { name: 'Yes, close it' }).click();
  await expect(status).toHaveText(`${renamed} is closed from ${today}.`);
  await expect(status).toBeFocused();
  await expect(tree).not.toContainText(renamed);
  await tree.getByLabel('Show closed units').check();
  await expect(therapies.getByRole('listitem').filter({ hasText: renamed })).toContainText(`${renamed}, Team, opened ${today}, closed from ${today}`);
  await expectNoSidewaysScroll(ruth);
});

test('HR administrators are offered the page; staff are not, and are told so', async ({ browser, viewport }) => {
  const daniel = await personAt(browser, '/', 'Daniel Okoro', viewport);
  await openUnits(daniel);
  await expect(daniel.getByRole('form', { name: 'Change the units' })).toBeVisible();

  const tom = await personAt(browser, '/', 'Tom Reed', viewport);
  await expect(tom.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Units', exact: true })).toHaveCount(0);
  await tom.goto('/units');
  await expect(tom.getByText('This page is for HR and system administrators')).toBeVisible();
  await expect(tom.getByRole('form', { name: 'Change the units' })).toHaveCount(0);
});

test('the page is reached signed out through sign-in', async ({ page }) => {
  await signInAt(page, '/units', 'Ruth Adeyemi');
  await expect(page.getByRole('heading', { level: 1, name: 'Units' })).toBeVisible();
});
