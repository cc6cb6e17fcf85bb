// F5.3, F5.4: each person sees when their next supervision of each kind is
// due, judged as the supervision reports judge it; a supervisor who saves a
// formal session is told when the next one falls due, and the supervisee's
// standing moves on.
import { test, expect, type Page } from '@playwright/test';
import { chooseMode, continueTo, personAt, pickSupervisee, saveRecordFrom, signInAt } from './helpers';

/** "17 January 2027": a date as the app writes it. */
function longDate(date: Date): string {
  return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** Today in the browser's zone, `days` on, as a UTC date for formatting. */
async function browserDayPlus(page: Page, days: number): Promise<Date> {
  const [year, month, day] = await page.evaluate(() => {
    const now = new Date();
    return [now.getFullYear(), now.getMonth(), now.getDate()];
  });
  return new Date(Date.UTC(year, month, day + days));
}

test('my next supervision is due, and a saved clinical supervision moves it on', async ({ page, browser, viewport }) => {
  const tom = await personAt(browser, '/', 'Tom Reed', viewport);
  const status = tom.getByRole('region', { name: 'When my next supervision is due' });
  await expect(status.getByRole('heading', { level: 2, name: 'When my next supervision is due' })).toBeVisible();
  const rows = status.getByRole('listitem');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0).getByRole('heading', { level: 3 })).toHaveText('Clinical');
  await expect(rows.nth(1).getByRole('heading', { level: 3 })).toHaveText('Line management');
  await expect(rows.nth(2).getByRole('heading', { level: 3 })).toHaveText('Case');
  for (const row of (await rows.all()).slice(0, 2)) {
    await expect(row).toContainText(/Compliant|Due soon|Due by \d{1,2} \w+ \d{4}|Overdue|Never had one/);
    await expect(row).toContainText('Last formal supervision');
    await expect(row).toContainText('Next due');
  }
  // Tom is a community nurse with no caseload: case supervision is not
  // required of him, and nothing falls due.
  await expect(rows.nth(2)).toContainText('Not applicable');
  await expect(status).toContainText(
    /As at \d{1,2} [A-Z][a-z]+ \d{4}, the end of this month, as the supervision reports count\./,
  );
  // Readable on a phone: nothing runs off the side of the screen.
  const box = await status.boundingBox();
  expect((box?.x ?? 0) + (box?.width ?? Infinity)).toBeLessThanOrEqual(tom.viewportSize()?.width ?? 0);

  // Priya records a one-to-one clinical supervision with Tom, held today.
  await signInAt(page, '/record', 'Priya Shah');
  await page.getByLabel('Kind of supervision').selectOption({ label: 'One-to-one clinical supervision' });
  await page.getByLabel('Approach').selectOption({ label: 'Structured reflection' });
  await chooseMode(page);
  await pickSupervisee(page, 'Tom', 'Tom Reed');
  await continueTo(page, 'About the session');
  await page.getByRole('checkbox', { name: 'Developmental' }).check();
  await continueTo(page, 'What was discussed');
  await page.getByLabel('Experience').fill(`Reflection on a difficult discharge ${Date.now()}`);
  await continueTo(page, 'Analysis and plan');
  await saveRecordFrom(page, 'Analysis and plan');

  // The page says what the record means, worked out in the browser: eight
  // weeks on from today.
  const due = longDate(await browserDayPlus(page, 56));
  const note = page.locator('.saved-note');
  await expect(note).toContainText('This counts as formal clinical supervision.');
  await expect(note).toContainText(`The next one for Tom Reed is due by ${due}.`);
  // It survives a reload.
  await page.reload();
  await expect(note).toContainText(`The next one for Tom Reed is due by ${due}.`);

  // Tom's clinical supervision is now up to date.
  await tom.reload();
  const clinical = rows.filter({ has: tom.getByRole('heading', { level: 3, name: 'Clinical' }) });
  await expect(clinical).toContainText('Compliant');
  await expect(clinical).toContainText(longDate(await browserDayPlus(tom, 0)));
  await expect(clinical).toContainText(due);
});

test('my supervisees are one card per person, most urgent first, with a search and a sort by name', async ({ browser, viewport }) => {
  const priya = await personAt(browser, '/supervisees', 'Priya Shah', viewport);
  await expect(priya.getByRole('heading', { level: 1, name: 'My supervisees' })).toBeVisible();
  const cards = priya.locator('.supervisee-list > li');
  await expect(cards.first()).toBeVisible();
  // Tom is Priya's line report and her clinical supervisee: one card, with
  // each relationship's standing in it, and one way to record for him.
  const tom = cards.filter({ has: priya.getByRole('heading', { level: 2, name: 'Tom Reed' }) });
  await expect(tom).toHaveCount(1);
  await expect(tom.getByRole('heading', { level: 3, name: 'As their line manager' })).toBeVisible();
  await expect(tom.getByRole('heading', { level: 3, name: 'As their clinical supervisor' })).toBeVisible();
  await expect(tom).toContainText('Next due');
  await expect(tom.getByRole('heading', { level: 3, name: 'Status by kind' })).toBeVisible();
  await expect(tom).toContainText(/Clinical:?\s*(Compliant|Due soon|Due by \d{1,2} \w+ \d{4}|Overdue|Never had one)/);
  await expect(tom).toContainText(/Line management:?\s*(Compliant|Due soon|Due by \d{1,2} \w+ \d{4}|Overdue|Never had one)/);
  await expect(tom.getByRole('link', { name: 'Record supervision for Tom Reed' })).toHaveCount(1);

  // Most urgent first, by each card's most urgent relationship: overdue,
  // never had one, due by the month's end, due soon, compliant.
  const rank: Record<string, number> = { Overdue: 0, 'Never had one': 1, 'Due by': 2, 'Due soon': 3, Compliant: 4 };
  const headlines = await cards.evaluateAll((items) => items.map((li) => li.querySelector('.tag-line .tag-status')?.textContent ?? ''));
  const ranks = headlines.map(text => rank[text.trim().replace(/^Due by .*/, 'Due by')] ?? 5);
  expect(ranks.length).toBeGreaterThan(1);
  expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  // Nobody twice.
  const names = await cards.locator('h2').allTextContents();
  expect(new Set(names).size).toBe(names.length);

  // A search by name narrows the list and says how many are left.
  await priya.getByLabel('Search by name').fill('reed');
  await expect(cards).toHaveCount(1);
  await expect(priya.getByRole('status').filter({ hasText: /^1 person$/ })).toBeVisible();
  await priya.getByLabel('Search by name').fill('nobody here');
  await expect(cards).toHaveCount(0);
  await expect(priya.locator('main').getByRole('status')).toHaveText('No one matches “nobody here”.');
  await priya.getByLabel('Search by name').fill('');
  await expect(cards).toHaveCount(names.length);
  // By name, A to Z.
  await priya.getByLabel('Sort by').selectOption({ label: 'Name, A to Z' });
  const byName = await cards.locator('h2').allTextContents();
  expect(byName).toEqual([...names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));

  // Readable on a phone: no card runs off the side of the screen.
  const box = await tom.boundingBox();
  expect((box?.x ?? 0) + (box?.width ?? Infinity)).toBeLessThanOrEqual(priya.viewportSize()?.width ?? 0);
});
