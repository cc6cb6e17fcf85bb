// Seeds 000 and 001: someone who receives clinical supervision from outside
// the organisation records it themselves, naming the external supervisor,
// and it counts as their formal clinical supervision; a personal reflection
// is theirs alone and never counts. Neither asks them to validate it.
import { test, expect, type Page } from '@playwright/test';
import { browserDay, chooseMode, continueTo, dateGroup, fillDate, longDate, saveRecordFrom, signInAt } from './helpers';

async function startRecord(page: Page, kind: string): Promise<void> {
  await page.getByLabel('Kind of supervision').selectOption({ label: kind });
}

test('a person records their own reflection, which does not count, and their own external supervision, which does', async ({ page }) => {
  await signInAt(page, '/record', 'Grace Liu');

  // A personal reflection is recorded for oneself: no one to pick.
  await startRecord(page, 'Personal reflection');
  const who = page.getByRole('region', { name: 'Who was supervised' });
  await expect(who).toContainText('A personal reflection is your own');
  await expect(who.getByRole('combobox', { name: 'Supervisees' })).toHaveCount(0);
  await chooseMode(page);
  await continueTo(page, 'What was discussed');
  await page.getByLabel('Experience').fill(`What I took from a hard week ${Date.now()}`);
  await saveRecordFrom(page);
  await expect(page.locator('.saved-note')).toContainText('This is recorded but does not count as formal supervision.');
  await expect(page.getByRole('button', { name: /agree/i })).toHaveCount(0);

  // External clinical supervision, received by Grace herself.
  await page.goto('/record');
  await startRecord(page, 'External clinical supervision');
  const myself = page.getByRole('checkbox', { name: 'I received this supervision myself, from outside the organisation' });
  await expect(who.getByRole('combobox', { name: 'Supervisees' })).toBeVisible();
  await myself.check();
  await expect(who).toContainText('it counts as your formal clinical supervision');
  await expect(who.getByRole('combobox', { name: 'Supervisees' })).toHaveCount(0);
  const held = await browserDay(page, 0);
  await page.getByLabel('External supervisor').fill('Dr Aled Morgan, independent clinical psychologist');
  await chooseMode(page);
  await continueTo(page, 'About the session');
  await fillDate(dateGroup(page, 'Date held'), held);
  await continueTo(page, 'What was discussed');
  await page.getByLabel('Experience').fill(`External supervision on a complex referral ${Date.now()}`);
  await saveRecordFrom(page);
  const note = page.locator('.saved-note');
  await expect(note).toContainText('This counts as formal clinical supervision.');
  await expect(note).toContainText(`The next one for Grace Liu is due by ${longDate(await browserDay(page, 56))}.`);
  // Nobody validates what they wrote themselves.
  await expect(page.getByRole('button', { name: /agree/i })).toHaveCount(0);
});
