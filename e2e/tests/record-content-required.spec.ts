// Issue 17, finding 4: a record could be saved with every "what was
// discussed" box empty, a date and names and nothing else, and its mode
// radio came chosen. How the session was held is asked on the first step,
// and at least one section by the end of the two pages of the cycle, before
// the form moves on, so nothing incomplete is ever sent.
import { test, expect } from '@playwright/test';
import { chooseMode, continueTo, expectStep, pickSupervisee, saveRecordFrom, signInAt } from './helpers';

test('a record with nothing in any section, or no mode chosen, is not saved, and says where to write', async ({ page }) => {
  await signInAt(page, '/record', 'Priya Shah');
  await page.getByLabel('Kind of supervision').selectOption({ label: 'One-to-one clinical supervision' });
  await page.getByLabel('Approach').selectOption({ label: 'Structured reflection' });
  await pickSupervisee(page, 'Tom', 'Tom Reed');
  // How it was held is asked, never chosen for the person (GOV.UK).
  const mode = page.getByRole('group', { name: 'Mode' });
  await expect(mode.getByRole('radio', { checked: true })).toHaveCount(0);
  await page.getByRole('button', { name: 'Continue', exact: true }).click();

  // Continue checks this step only: the missing mode, and the form stays here.
  const summary = page.locator('.error-summary');
  await expect(summary).toBeFocused();
  const howHeld = 'Choose how the session was held: face to face, video or phone.';
  const message = 'Write what was discussed in at least one section, starting with Experience.';
  await expect(summary.getByRole('link')).toHaveText([howHeld]);
  await expectStep(page, 'Who and how');
  await expect(page).toHaveURL(/\/record$/);
  await summary.getByRole('link', { name: howHeld }).click();
  await expect(mode).toBeFocused();
  await chooseMode(page, 'Video');
  await continueTo(page, 'What was discussed');
  // The new step starts without the last step's problems.
  await expect(summary).toHaveCount(0);

  // Nothing but spaces in Experience: the next page may hold what was
  // discussed, so it opens; with nothing there either, its Continue brings
  // the person back to Experience, with the problem.
  await page.getByLabel('Experience').fill('   ');
  await continueTo(page, 'Analysis and plan');
  await expect(summary).toHaveCount(0);
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link')).toHaveText([message]);
  await expectStep(page, 'What was discussed');
  await expect(page).toHaveURL(/\/record\?step=discussed$/);
  await summary.getByRole('link', { name: message }).click();
  await expect(page.getByLabel('Experience')).toBeFocused();

  // Any one section will do, on either page.
  await continueTo(page, 'Analysis and plan');
  const notes = `Caseload and leave reviewed ${Date.now()}`;
  await page.getByLabel('Notes').fill(notes);
  await saveRecordFrom(page, 'Analysis and plan');
  await expect(page.getByText(notes)).toBeVisible();
  await expect(page.locator('.summary-row').filter({ hasText: 'Mode' })).toContainText('Video');
});
