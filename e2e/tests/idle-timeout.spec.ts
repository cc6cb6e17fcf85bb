// F1.4, WCAG 2.2.1 Timing Adjustable: people are warned before an idle
// time-out and can stay signed in; when the session does end, signing in
// again brings them back to the same page with their unsaved record intact.
// Runs against the server scripts/e2e.sh starts with single sign-on through
// the real OpenID Connect provider and a 20-second idle time-out, so the
// warning comes after 10 seconds without a request.
import { test, expect } from '@playwright/test';
import { chooseMode, continueTo, expectStep, pickSupervisee, signInAtProvider } from './helpers';

const APP = process.env.E2E_IDLE_URL ?? 'http://127.0.0.1:3102';
test.use({ baseURL: APP });

test('the idle warning keeps the session alive, and an expired session returns to the unsaved record', async ({ page }) => {
  test.setTimeout(75_000);
  const story = `Caseload worries before leave ${Date.now()}`;
  const restored = page.getByText('We have restored the record you started earlier but did not save.');

  await page.goto('/record');
  await signInAtProvider(page, 'priya.shah@northfield.example');
  await expect(page).toHaveURL(/\/record$/);
  await expect(page.locator('.signed-in-name')).toContainText('Priya Shah');
  // Who and how on the first step, then the writing on the second.
  await page.getByLabel('Approach').selectOption({ label: 'Structured reflection' });
  await chooseMode(page);
  await pickSupervisee(page, 'Tom', 'Tom Reed');
  await continueTo(page, 'What was discussed');
  const experience = page.getByLabel('Experience');
  await experience.fill(story);

  // Typing is not a request: about ten seconds later the warning opens,
  // announced by its own role, name and description, with focus inside.
  const dialog = page.getByRole('alertdialog', { name: 'You will be signed out soon' });
  await expect(dialog).toBeVisible({ timeout: 15_000 });
  await expect(dialog).toHaveAttribute('aria-modal', 'true');
  await expect(dialog).toHaveAccessibleDescription(
    /^For your security, you will be signed out in 0:(10|0\d) because you have not done anything for a while\.$/,
  );
  const stay = dialog.getByRole('button', { name: 'Stay signed in' });
  const signOut = dialog.getByRole('button', { name: 'Sign out now' });
  await expect(stay).toBeFocused();
  // It fits the screen, phone or desktop (1.4.10 Reflow).
  const box = await dialog.boundingBox();
  expect(box).not.toBeNull();
  expect(box?.x ?? -1).toBeGreaterThanOrEqual(0);
  expect((box?.x ?? 0) + (box?.width ?? Infinity)).toBeLessThanOrEqual(page.viewportSize()?.width ?? 0);
  // Focus goes round the dialog and never behind it.
  await page.keyboard.press('Tab');
  await expect(signOut).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(stay).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(signOut).toBeFocused();

  // Staying closes the warning, returns focus, and the session still works.
  await stay.click();
  await expect(dialog).toBeHidden();
  await expect(experience).toBeFocused();
  await page.getByRole('link', { name: 'My supervisions' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'My own supervisions' })).toBeVisible();
  await expect(page).not.toHaveURL(/\/signin/);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Record supervision', exact: true }).click();
  await expectStep(page, 'Who and how');
  await expect(restored).toBeVisible();
  await expect(page.getByRole('button', { name: 'Remove Tom Reed' })).toBeVisible();
  await continueTo(page, 'What was discussed');
  await expect(page.getByLabel('Experience')).toHaveValue(story);

  // Doing nothing: the warning comes back, and at zero the browser goes to
  // sign in, with this page (this step) to return to.
  await expect(dialog).toBeVisible({ timeout: 15_000 });
  const backFromProvider = page.waitForResponse(/\/auth\/callback\?/, { timeout: 45_000 });
  await page.waitForRequest(/\/signin\?return=(%2F|\/)record(%3F|\?)step(%3D|=)discussed$/, { timeout: 20_000 });

  // A fresh sign-in at the provider returns to the form with what was
  // typed. The provider may still know Priya and send her straight back;
  // if it asks, she signs in there.
  const providerLogin = page.locator('input[name="login"]');
  const asked = await providerLogin
    .waitFor({ state: 'visible', timeout: 5_000 })
    .then(() => true)
    .catch(() => false);
  if (asked) {
    await signInAtProvider(page, 'priya.shah@northfield.example');
  }
  await backFromProvider;
  await expect(page).toHaveURL(`${APP}/record?step=discussed`);
  await expect(page.locator('.signed-in-name')).toContainText('Priya Shah');
  await expectStep(page, 'What was discussed');
  await expect(restored).toBeVisible();
  await expect(page.getByLabel('Experience')).toHaveValue(story);
});
