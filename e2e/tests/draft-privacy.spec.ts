// F1.4 on a shared computer: an unsaved record is kept for the person who
// typed it, never shown to someone else who signs in at the same browser,
// and forgotten when its author signs out.
import { test, expect } from '@playwright/test';
import { signInAt } from './helpers';

test('an unsaved record is shown only to the person who typed it, and signing out forgets it', async ({ page }) => {
  const story = `Worries about a colleague ${Date.now()}`;
  const restored = page.getByText('We have restored the record you started earlier but did not save.');

  await signInAt(page, '/record', 'Priya Shah');
  await page.getByLabel('Experience').fill(story);
  await expect(page.getByLabel('Experience')).toHaveValue(story);

  // Her session ends without her signing out (as after a time-out), and
  // Aisha signs in at the same address: she sees an empty form.
  await page.context().clearCookies();
  await signInAt(page, '/record', 'Aisha Khan');
  await expect(page.getByRole('heading', { level: 1, name: 'Record supervision' })).toBeVisible();
  await expect(page.getByLabel('Experience')).toHaveValue('');
  await expect(restored).toHaveCount(0);
  await expect(page.getByText(story)).toHaveCount(0);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/signin$/);

  // Priya comes back and finds her record as she left it.
  await signInAt(page, '/record', 'Priya Shah');
  await expect(restored).toBeVisible();
  await expect(page.getByLabel('Experience')).toHaveValue(story);

  // Signing out on purpose leaves nothing behind.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/signin$/);
  const left = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('supervision.draft:')));
  expect(left).toEqual([]);
  await signInAt(page, '/record', 'Priya Shah');
  await expect(page.getByLabel('Experience')).toHaveValue('');
  await expect(restored).toHaveCount(0);
});
