// F1.4 on a shared computer: an unsaved record is kept for the person who
// typed it, never shown to someone else who signs in at the same browser,
// and forgotten when its author signs out.
import { test, expect } from '@playwright/test';
import { chooseMode, continueTo, expectStep, pickSupervisee, signInAt } from './helpers';

test('an unsaved record is shown only to the person who typed it, and signing out forgets it', async ({ page }) => {
  const story = `Worries about a colleague ${Date.now()}`;
  const restored = page.getByText('We have restored the record you started earlier but did not save.');
  const faceToFace = page.getByRole('group', { name: 'Mode' }).getByRole('radio', { name: 'Face to face', exact: true });
  const picker = page.getByRole('combobox', { name: 'Supervisees' });

  // Priya chooses who and how on the first step, and writes on the second.
  await signInAt(page, '/record', 'Priya Shah');
  await page.getByLabel('Approach').selectOption({ label: 'Structured reflection' });
  await chooseMode(page);
  await pickSupervisee(page, 'Tom', 'Tom Reed');
  await continueTo(page, 'What was discussed');
  await page.getByLabel('Experience').fill(story);
  await expect(page.getByLabel('Experience')).toHaveValue(story);

  // Her session ends without her signing out (as after a time-out), and
  // Aisha signs in at the record form: she sees an empty form, nothing of
  // Priya's chosen.
  await page.context().clearCookies();
  await signInAt(page, '/record', 'Aisha Khan');
  await expectStep(page, 'Who and how');
  await expect(picker).toBeVisible();
  await expect(page.getByRole('button', { name: 'Remove Tom Reed' })).toHaveCount(0);
  await expect(faceToFace).not.toBeChecked();
  await expect(page.getByLabel('Approach')).not.toHaveValue('structured_reflection');
  await expect(restored).toHaveCount(0);
  await expect(page.getByText(story)).toHaveCount(0);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/signin$/);

  // Priya comes back and finds her record as she left it.
  await signInAt(page, '/record', 'Priya Shah');
  await expect(restored).toBeVisible();
  await expect(page.getByRole('button', { name: 'Remove Tom Reed' })).toBeVisible();
  await expect(faceToFace).toBeChecked();
  await continueTo(page, 'What was discussed');
  await expect(page.getByLabel('Experience')).toHaveValue(story);

  // Signing out on purpose leaves nothing behind.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/signin$/);
  const left = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('supervision.draft:')));
  expect(left).toEqual([]);
  await signInAt(page, '/record', 'Priya Shah');
  await expectStep(page, 'Who and how');
  await expect(picker).toBeVisible();
  await expect(page.getByRole('button', { name: 'Remove Tom Reed' })).toHaveCount(0);
  await expect(faceToFace).not.toBeChecked();
  await expect(restored).toHaveCount(0);
});
