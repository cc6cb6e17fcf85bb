// Issue 17, finding 4: a record could be saved with every "what was
// discussed" box empty, a date and names and nothing else, and its mode
// radio came chosen. At least one section (or a case discussed) is asked
// for, and how the session was held, before anything is sent.
import { test, expect } from '@playwright/test';
import { chooseMode, pickSupervisee, signInAt } from './helpers';

test('a record with nothing in any section, or no mode chosen, is not saved, and says where to write', async ({ page }) => {
  await signInAt(page, '/record', 'Priya Shah');
  await page.getByLabel('Kind of supervision').selectOption({ label: 'One-to-one clinical supervision' });
  await page.getByLabel('Approach').selectOption({ label: 'Structured reflection' });
  await pickSupervisee(page, 'Tom', 'Tom Reed');
  await page.getByLabel('Experience').fill('   ');
  // How it was held is asked, never chosen for the person (GOV.UK).
  const mode = page.getByRole('group', { name: 'Mode' });
  await expect(mode.getByRole('radio', { checked: true })).toHaveCount(0);
  await page.getByRole('button', { name: 'Save record' }).click();

  const summary = page.locator('.error-summary');
  await expect(summary).toBeFocused();
  const howHeld = 'Choose how the session was held: face to face, video or phone.';
  const message = 'Write what was discussed in at least one section, starting with Experience.';
  await expect(summary.getByRole('link')).toHaveText([howHeld, message]);
  await summary.getByRole('link', { name: howHeld }).click();
  await expect(mode).toBeFocused();
  await chooseMode(page, 'Video');
  await page.getByRole('button', { name: 'Save record' }).click();
  await expect(summary.getByRole('link')).toHaveText([message]);
  await expect(page).toHaveURL(/\/record$/);
  await summary.getByRole('link', { name: message }).click();
  await expect(page.getByLabel('Experience')).toBeFocused();

  // Any one section will do.
  const notes = `Caseload and leave reviewed ${Date.now()}`;
  await page.getByLabel('Notes').fill(notes);
  await page.getByRole('button', { name: 'Save record' }).click();
  await expect(page).toHaveURL(/\/supervisions\/[0-9a-f-]{36}\?saved=1$/);
  await expect(page.getByText(notes)).toBeVisible();
  await expect(page.locator('.summary-row').filter({ hasText: 'Mode' })).toContainText('Video');
});
