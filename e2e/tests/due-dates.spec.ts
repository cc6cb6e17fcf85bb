// Issue 17 (1): "Overdue" was shown for dates that had not arrived. The
// lists judge as at the month's end to plan the month, but tell each person
// as they stand today: overdue only once the due date has passed; before
// then "Due by <date>". Team figures say what "as at the month's end" means.
import { test, expect, type Page } from '@playwright/test';
import { isoDate, organisationDay, signInAt } from './helpers';

/** Every verdict with a due date on the page: [words, ISO date], the date
 * from "next due" or from the words themselves ("Due by 11 December 2026"). */
async function verdicts(page: Page): Promise<[string, string][]> {
  const shown = await page.locator('.standing dd').evaluateAll((cells) =>
    cells.map((dd) => [dd.querySelector('.tag')?.textContent?.trim() ?? '', dd.querySelector('time')?.getAttribute('datetime') ?? '']),
  );
  return shown
    .map(([words, date]): [string, string] => {
      const by = words.match(/^Due by (.+)$/);
      return [words, by ? isoDate(new Date(`${by[1]} UTC`)) : date];
    })
    .filter(([, date]) => date !== '');
}

test('nobody is called overdue before their due date, on My supervisees and in team compliance', async ({ page, browser, viewport }) => {
  const today = isoDate(organisationDay());
  await signInAt(page, '/supervisees', 'Priya Shah');
  await expect(page.locator('.standing').first()).toBeVisible();
  const mine = await verdicts(page);
  expect(mine.length).toBeGreaterThan(0);
  for (const [words, due] of mine) {
    if (words === 'Overdue') expect(due < today, `overdue but due on ${due}`).toBe(true);
    if (words.startsWith('Due by')) expect(due >= today, `"${words}" but due on ${due}`).toBe(true);
  }

  const context = await browser.newContext(viewport ? { viewport } : {});
  const helen = await context.newPage();
  await signInAt(helen, '/compliance', 'Helen Carter');
  await expect(helen.getByRole('heading', { level: 1, name: 'Team compliance' })).toBeVisible();
  // The month's end is still to come: the figures say what they mean.
  await expect(helen.locator('.report-unit').first()).toContainText('if nothing more is recorded by');
  await context.close();
});
