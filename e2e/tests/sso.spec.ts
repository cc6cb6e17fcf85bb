// F1.1–F1.4 against a real OpenID Connect provider (oidc-provider, started
// by scripts/e2e.sh): deep links survive sign-in, unknown people get the
// not-set-up page, and signing out ends the session here and at the provider.
import { test, expect } from '@playwright/test';
import { PROVIDER, at, signInAtProvider } from './helpers';

const APP = process.env.E2E_SSO_URL ?? 'http://127.0.0.1:3101';
test.use({ baseURL: APP });

test('a deep link opened signed out lands on that page after single sign-on', async ({ page }) => {
  await page.goto('/supervisees');
  await signInAtProvider(page, 'priya.shah@northfield.example');
  await expect(page).toHaveURL(`${APP}/supervisees`);
  await expect(page.getByRole('heading', { level: 1, name: 'My supervisees' })).toBeVisible();
  await expect(page.locator('.signed-in-name')).toContainText('Priya Shah');
});

test('someone with no staff record is told their account is not set up', async ({ page }) => {
  await page.goto('/');
  await signInAtProvider(page, 'stranger@elsewhere.example');
  await expect(page.getByRole('heading', { name: 'Your account is not set up for this service' })).toBeVisible();
  // No session was created: the app still sends them to sign in.
  const me = await page.request.post('/graphql', {
    headers: { 'content-type': 'application/json', 'x-requested-with': 'supervision' },
    data: { query: '{ me { name } }' },
  });
  expect((await me.json()).errors[0].extensions.code).toBe('UNAUTHENTICATED');
});

test('signing out ends the session here and at the provider', async ({ page }) => {
  await page.goto('/');
  await signInAtProvider(page, 'tom.reed@northfield.example');
  await expect(page.locator('.signed-in-name')).toContainText('Tom Reed');
  await page.getByRole('button', { name: 'Sign out' }).click();
  // The provider asks to confirm signing out of it too.
  await expect(page).toHaveURL(at(PROVIDER));
  await page.locator('button[type="submit"]', { hasText: /yes|sign.?out/i }).first().click();
  // Back at the app, signed out here and there: the provider asks for a login again.
  await expect(page).toHaveURL(at(PROVIDER, '/interaction/'));
  await expect(page.locator('input[name="login"]')).toBeVisible();
});
