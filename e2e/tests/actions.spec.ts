// F3.6: SMART actions after the session. An open action is carried forward
// into the next record with the same person until it is done; an overdue one
// says so; its owner re-dates it and marks it done on My actions, and each
// change is kept in its history. The recorder can do the same from the
// record form.
import { test, expect, type Locator, type Page } from '@playwright/test';
import {
  browserDay, chooseMode, continueTo, dateBox, dateGroup, expectStep, fillDate, longDate, openCarriedChange, personAt, pickSupervisee, saveRecordFrom, signInAt,
} from './helpers';

/**
 * On a new record form (at its first step), chooses `name` and goes on to
 * "Actions and cases", where their open actions are carried forward:
 * returns that part of the page.
 */
async function carriedForwardFor(page: Page, search: string, name: string): Promise<Locator> {
  await expectStep(page, 'Who and how');
  await page.getByLabel('Approach').selectOption({ label: 'Structured reflection' });
  await chooseMode(page);
  await pickSupervisee(page, search, name);
  await continueTo(page, 'What was discussed');
  await page.getByLabel('Experience').fill(`Open actions reviewed ${Date.now()}`);
  await continueTo(page, 'Analysis and plan');
  await continueTo(page, 'Actions and cases');
  const carried = page.getByRole('region', { name: 'Open actions carried forward' });
  await expect(carried).toBeVisible();
  return carried;
}

test('an overdue action is carried forward until its owner re-dates it and marks it done', async ({ page, browser, viewport }) => {
  // Two people sign in on a two-core machine.
  test.setTimeout(180_000);
  const stamp = Date.now();
  const action = `Complete the pressure ulcer e-learning ${stamp}`;

  // Priya records a session held 20 days ago, with an action for Tom that
  // fell due 5 days ago.
  await signInAt(page, '/record', 'Priya Shah');
  const held = await browserDay(page, -20);
  const due = await browserDay(page, -5);
  await page.getByLabel('Kind of supervision').selectOption({ label: 'One-to-one clinical supervision' });
  await page.getByLabel('Approach').selectOption({ label: 'Structured reflection' });
  await chooseMode(page);
  await pickSupervisee(page, 'Tom', 'Tom Reed');
  await continueTo(page, 'About the session');
  await fillDate(dateGroup(page, 'Date held'), held);
  await continueTo(page, 'What was discussed');
  await page.getByLabel('Experience').fill(`Reviewed training needs ${stamp}`);
  await continueTo(page, 'Analysis and plan');
  await continueTo(page, 'Actions and cases');
  await page.getByRole('button', { name: 'Add action' }).click();
  await page.getByLabel('Description').fill(action);
  await fillDate(dateGroup(page.getByRole('group', { name: 'Action 1', exact: true }), 'Due date'), due);
  const recordPath = await saveRecordFrom(page, 'Actions and cases');
  await expect(page.locator('.action-item').filter({ hasText: action })).toContainText('Overdue');

  // Starting Tom's next record, Priya sees it carried forward, overdue, on
  // the step where actions are agreed.
  await page.goto('/record');
  const carried = await carriedForwardFor(page, 'Tom', 'Tom Reed');
  const carriedItem = carried.getByRole('listitem').filter({ hasText: action });
  await expect(carriedItem).toContainText('Overdue');
  await expect(carriedItem).toContainText('Tom Reed');
  await expect(carriedItem).toContainText(longDate(held));
  await expect(carriedItem).toContainText(longDate(due));

  // Tom finds it on My actions: a line saying whose it is and that it is
  // overdue, which opens the action on its own page.
  const tom = await personAt(browser, '/', 'Tom Reed', viewport);
  await tom.getByRole('link', { name: 'My actions' }).click();
  await expect(tom.getByRole('heading', { level: 1, name: 'My actions' })).toBeVisible();
  const row = tom.locator('.action-row').filter({ has: tom.getByRole('link', { name: action, exact: true }) });
  await expect(row).toContainText('Overdue');
  await expect(row).toContainText('Tom Reed');
  await expect(row).toContainText(`Due ${longDate(due)}`);
  await row.getByRole('link', { name: action, exact: true }).click();
  await expect(tom).toHaveURL(/\/actions\/[0-9a-f-]{36}$/);
  const actionPath = new URL(tom.url()).pathname;
  await expect(tom.getByRole('heading', { level: 1, name: action })).toBeVisible();
  await expect(tom).toHaveTitle(new RegExp(`^Action: ${action}`));
  await expect(tom.locator('.tag-line')).toHaveText('Overdue');
  await expect(tom.getByRole('link', { name: `Supervision record of ${longDate(held)}` })).toHaveAttribute('href', recordPath);

  // He gives it a new due date; one in the past is refused first.
  const card = tom.getByRole('region', { name: 'Change this action' });
  await card.getByRole('button', { name: 'Change due date' }).click();
  const dateField = dateGroup(card, 'New due date');
  await expect(dateBox(dateField, 'Day')).toBeFocused();
  await fillDate(dateField, await browserDay(tom, -1));
  await card.getByRole('button', { name: 'Save new due date' }).click();
  // The summary is at the top of the page, not in the card.
  await expect(tom.locator('main > .page-errors > .error-summary')).toContainText('A new due date cannot be in the past.');
  await expect(card.locator('.error-summary')).toHaveCount(0);
  await expect(dateBox(dateField, 'Day')).toHaveAttribute('aria-invalid', 'true');
  const newDue = await browserDay(tom, 7);
  await fillDate(dateField, newDue);
  await card.getByLabel('Note (optional)').fill('Waiting for a place on the course');
  await card.getByRole('button', { name: 'Save new due date' }).click();
  const status = tom.locator('#actions-status');
  await expect(status).toHaveText(`“${action}” is now due by ${longDate(newDue)}.`);
  await expect(status).toBeFocused();
  await expect(tom.locator('.tag-line')).toHaveCount(0);
  await expect(tom.locator('main')).toContainText(longDate(newDue));
  await tom.getByText('History of changes (1)').click();
  await expect(tom.locator('main')).toContainText(`Tom Reed changed the due date from ${longDate(due)} to ${longDate(newDue)}`);
  await expect(tom.locator('main')).toContainText('Note: Waiting for a place on the course');

  // Then he marks it done: nothing is left to change, both changes are in
  // its history, and it leaves the open list for the done one.
  await card.getByRole('button', { name: 'Mark as done' }).click();
  await expect(status).toHaveText(`“${action}” has been marked as done.`);
  await expect(card).toHaveCount(0);
  await expect(tom.locator('.tag-line')).toHaveText('Done');
  await tom.getByText('History of changes (2)').click();
  await expect(tom.locator('main')).toContainText('Tom Reed marked it done');
  await tom.getByRole('link', { name: 'Back to my actions' }).click();
  await expect(tom).toHaveURL(/\/actions$/);
  await expect(tom.getByRole('link', { name: action, exact: true })).toHaveCount(0);
  await tom.getByLabel('Status').selectOption({ label: 'Done' });
  await expect(tom).toHaveURL(/\/actions\?status=done$/);
  const doneRow = tom.locator('.action-row').filter({ has: tom.getByRole('link', { name: action, exact: true }) });
  await expect(doneRow.locator('.tag')).toHaveText('Done');
  await expect(doneRow.getByRole('link', { name: action, exact: true })).toHaveAttribute('href', actionPath);

  // Priya's next record for Tom no longer carries it forward. (Her unsaved
  // form with Tom chosen was kept; she starts again.)
  await page.goto('/record');
  await page.getByRole('button', { name: 'Clear the form and start again' }).click();
  await expect(page.getByRole('button', { name: 'Remove Tom Reed' })).toHaveCount(0);
  await carriedForwardFor(page, 'Tom', 'Tom Reed');
  await expect(carried.locator('.loading')).toHaveCount(0);
  await expect(carried.getByRole('listitem').filter({ hasText: action })).toHaveCount(0);
});

test('a carried-forward action is re-dated and marked done from the record form', async ({ page }) => {
  const stamp = Date.now();
  const action = `Arrange a joint visit with the tissue viability nurse ${stamp}`;

  await signInAt(page, '/record', 'Priya Shah');
  const due = await browserDay(page, 3);
  await page.getByLabel('Kind of supervision').selectOption({ label: 'One-to-one clinical supervision' });
  await page.getByLabel('Approach').selectOption({ label: 'Structured reflection' });
  await chooseMode(page);
  await pickSupervisee(page, 'Aisha', 'Aisha Khan');
  await continueTo(page, 'What was discussed');
  await page.getByLabel('Experience').fill(`Discussed a complex leg ulcer ${stamp}`);
  await continueTo(page, 'Analysis and plan');
  await continueTo(page, 'Actions and cases');
  await page.getByRole('button', { name: 'Add action' }).click();
  await page.getByLabel('Description').fill(action);
  await fillDate(dateGroup(page.getByRole('group', { name: 'Action 1', exact: true }), 'Due date'), due);
  await saveRecordFrom(page, 'Actions and cases');

  await page.goto('/record');
  const carried = await carriedForwardFor(page, 'Aisha', 'Aisha Khan');
  const item = carried.getByRole('listitem').filter({ hasText: action });
  await expect(item).toContainText('Aisha Khan');
  await expect(item).toContainText(longDate(due));
  await expect(item).not.toContainText('Overdue');
  // The list is short: the changes are folded away until asked for.
  await expect(item.getByRole('button', { name: 'Change due date' })).toBeHidden();

  // A new due date, saved with Enter: that saves the date, and neither
  // continues to the next step nor saves the record.
  await openCarriedChange(item);
  await item.getByRole('button', { name: 'Change due date' }).click();
  const dateField = dateGroup(item, 'New due date');
  await expect(dateBox(dateField, 'Day')).toBeFocused();
  const later = await browserDay(page, 14);
  await fillDate(dateField, later);
  await dateBox(dateField, 'Year').press('Enter');
  const status = carried.locator('#carried-forward-status');
  await expect(status).toHaveText(`“${action}” is now due by ${longDate(later)}.`);
  await expect(page).toHaveURL(/\/record\?step=actions$/);
  await expectStep(page, 'Actions and cases');
  await expect(page.locator('.error-summary')).toHaveCount(0);
  await expect(item).toContainText(longDate(later));

  // Marked done, it is no longer carried forward; focus stays with the news.
  await openCarriedChange(item);
  await item.getByRole('button', { name: 'Mark as done' }).click();
  await expect(status).toHaveText(`“${action}” has been marked as done.`);
  await expect(status).toBeFocused();
  await expect(item).toHaveCount(0);
});

test('a supervisor\'s many actions are a list a phone can take: overdue first, by owner, twenty to a page', async ({ page }) => {
  await signInAt(page, '/actions', 'Priya Shah');
  await expect(page.getByRole('heading', { level: 1, name: 'My actions' })).toBeVisible();
  const rows = page.locator('.action-row');
  // Priya recorded well over a hundred open actions: one page holds twenty,
  // each a single line with no form of its own.
  await expect(rows).toHaveCount(20);
  await expect(page.getByRole('status').filter({ hasText: /^Showing 1 to 20 of \d+ open actions\./ })).toBeVisible();
  await expect(page.locator('main').getByRole('button')).toHaveCount(0);
  const pages = page.getByRole('navigation', { name: 'Pages of actions' });
  await expect(pages).toContainText(/Page 1 of \d+/);
  // Overdue ones come first.
  const tags = await rows.evaluateAll((items) => items.map((li) => li.querySelector('.tag')?.textContent ?? ''));
  const firstInTime = tags.indexOf('');
  if (firstInTime >= 0) expect(tags.slice(firstInTime).every((t) => t === '')).toBe(true);
  // On a phone the page is a few screens, not dozens.
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  expect(height).toBeLessThan(5000);

  // The next page, then one owner's actions: the address keeps both, so
  // Back and a bookmark return to them.
  await pages.getByRole('link', { name: 'Next page' }).click();
  await expect(page).toHaveURL(/\/actions\?page=2$/);
  await expect(page.getByRole('status').filter({ hasText: /^Showing 21 to 40 of/ })).toBeVisible();
  await page.getByLabel('Owner').selectOption({ label: 'Tom Reed' });
  await expect(page).toHaveURL(/\/actions\?owner=[0-9a-f-]{36}$/);
  await expect(rows.first()).toBeVisible();
  const owners = await rows.locator('.action-row-meta span:first-child').allTextContents();
  expect(owners.length).toBeGreaterThan(0);
  expect(new Set(owners)).toEqual(new Set(['Tom Reed']));
  await page.goBack();
  await expect(page).toHaveURL(/\/actions\?page=2$/);
  await expect(page.getByLabel('Owner')).toHaveValue('');
});
