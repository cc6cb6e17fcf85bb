// F3.6: SMART actions after the session. An open action is carried forward
// into the next record with the same person until it is done; an overdue one
// says so; its owner re-dates it and marks it done on My actions, and each
// change is kept in its history. The recorder can do the same from the
// record form.
import { test, expect } from '@playwright/test';
import { browserDay, isoDate, longDate, personAt, pickSupervisee, signInAt } from './helpers';

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
  await page.getByLabel('Date held').fill(isoDate(held));
  await pickSupervisee(page, 'Tom', 'Tom Reed');
  await page.getByLabel('Experience').fill(`Reviewed training needs ${stamp}`);
  await page.getByRole('button', { name: 'Add action' }).click();
  await page.getByLabel('Description').fill(action);
  await page.getByLabel('Due date', { exact: true }).fill(isoDate(due));
  await page.getByRole('button', { name: 'Save record' }).click();
  await expect(page).toHaveURL(/\/supervisions\/[0-9a-f-]{36}\?saved=1$/);
  const recordPath = new URL(page.url()).pathname;
  await expect(page.locator('.action-item').filter({ hasText: action })).toContainText('Overdue');

  // Starting Tom's next record, Priya sees it carried forward, overdue.
  await page.goto('/record');
  await pickSupervisee(page, 'Tom', 'Tom Reed');
  const carried = page.getByRole('region', { name: 'Open actions carried forward' });
  const carriedItem = carried.getByRole('listitem').filter({ hasText: action });
  await expect(carriedItem).toContainText('Overdue');
  await expect(carriedItem).toContainText('Tom Reed');
  await expect(carriedItem).toContainText(longDate(held));
  await expect(carriedItem).toContainText(longDate(due));

  // Tom finds it on My actions: overdue, linked to its record.
  const tom = await personAt(browser, '/', 'Tom Reed', viewport);
  await tom.getByRole('link', { name: 'My actions' }).click();
  await expect(tom.getByRole('heading', { level: 1, name: 'My actions' })).toBeVisible();
  const open = tom.getByRole('region', { name: /^Open actions \(\d+\)$/ });
  const card = open.getByRole('listitem').filter({ has: tom.getByRole('heading', { level: 3, name: action }) });
  await expect(card).toContainText('Overdue');
  await expect(card.getByRole('link', { name: `Supervision record of ${longDate(held)}` })).toHaveAttribute('href', recordPath);

  // He gives it a new due date; one in the past is refused first.
  await card.getByRole('button', { name: 'Change due date' }).click();
  const dateField = card.getByLabel('New due date');
  await expect(dateField).toBeFocused();
  await dateField.fill(isoDate(await browserDay(tom, -1)));
  await card.getByRole('button', { name: 'Save new due date' }).click();
  await expect(card.locator('.error-summary')).toContainText('A new due date cannot be in the past.');
  await expect(dateField).toHaveAttribute('aria-invalid', 'true');
  const newDue = await browserDay(tom, 7);
  await dateField.fill(isoDate(newDue));
  await card.getByLabel('Note (optional)').fill('Waiting for a place on the course');
  await card.getByRole('button', { name: 'Save new due date' }).click();
  const status = tom.locator('#actions-status');
  await expect(status).toHaveText(`“${action}” is now due by ${longDate(newDue)}.`);
  await expect(status).toBeFocused();
  await expect(card).not.toContainText('Overdue');
  await expect(card).toContainText(longDate(newDue));
  await card.getByText('History of changes (1)').click();
  await expect(card).toContainText(`Tom Reed changed the due date from ${longDate(due)} to ${longDate(newDue)}`);
  await expect(card).toContainText('Note: Waiting for a place on the course');

  // Then he marks it done: it leaves the open list, and is listed with the
  // done ones on request, with both changes in its history.
  await card.getByRole('button', { name: 'Mark as done' }).click();
  await expect(status).toHaveText(`“${action}” has been marked as done.`);
  await expect(card).toHaveCount(0);
  await tom.getByLabel('Show done and dropped actions too').check();
  const closed = tom.getByRole('region', { name: /^Done or dropped \(\d+\)$/ });
  const doneCard = closed.getByRole('listitem').filter({ has: tom.getByRole('heading', { level: 3, name: action }) });
  await expect(doneCard.locator('.tag')).toHaveText('Done');
  await expect(doneCard.getByRole('button', { name: 'Mark as done' })).toHaveCount(0);
  await doneCard.getByText('History of changes (2)').click();
  await expect(doneCard).toContainText('Tom Reed marked it done');

  // Priya's next record for Tom no longer carries it forward. (Her unsaved
  // form with Tom chosen was kept; she starts again.)
  await page.goto('/record');
  await page.getByRole('button', { name: 'Clear the form and start again' }).click();
  await pickSupervisee(page, 'Tom', 'Tom Reed');
  await expect(carried).toBeVisible();
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
  await pickSupervisee(page, 'Aisha', 'Aisha Khan');
  await page.getByLabel('Experience').fill(`Discussed a complex leg ulcer ${stamp}`);
  await page.getByRole('button', { name: 'Add action' }).click();
  await page.getByLabel('Description').fill(action);
  await page.getByLabel('Due date', { exact: true }).fill(isoDate(due));
  await page.getByRole('button', { name: 'Save record' }).click();
  await expect(page).toHaveURL(/\/supervisions\/[0-9a-f-]{36}\?saved=1$/);

  await page.goto('/record');
  await pickSupervisee(page, 'Aisha', 'Aisha Khan');
  const carried = page.getByRole('region', { name: 'Open actions carried forward' });
  const item = carried.getByRole('listitem').filter({ hasText: action });
  await expect(item).toContainText('Aisha Khan');
  await expect(item).toContainText(longDate(due));
  await expect(item).not.toContainText('Overdue');

  // A new due date, saved with Enter: that saves the date, not the record.
  await item.getByRole('button', { name: 'Change due date' }).click();
  const dateField = item.getByLabel('New due date');
  await expect(dateField).toBeFocused();
  const later = await browserDay(page, 14);
  await dateField.fill(isoDate(later));
  await dateField.press('Enter');
  const status = carried.locator('#carried-forward-status');
  await expect(status).toHaveText(`“${action}” is now due by ${longDate(later)}.`);
  await expect(page).toHaveURL(/\/record$/);
  await expect(page.locator('.error-summary')).toHaveCount(0);
  await expect(item).toContainText(longDate(later));

  // Marked done, it is no longer carried forward; focus stays with the news.
  await item.getByRole('button', { name: 'Mark as done' }).click();
  await expect(status).toHaveText(`“${action}” has been marked as done.`);
  await expect(status).toBeFocused();
  await expect(item).toHaveCount(0);
});
