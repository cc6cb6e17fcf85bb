// F6: a line manager makes a supervision agreement with their report on My
// supervisees, under the organisation's headings (the policy's words to
// start from); both e-sign it, and it is in place.
import { test, expect, type Page } from '@playwright/test';
import { personAt, signInAt } from './helpers';

/** The card of `name` for the relationship `relationship` on My supervisees. */
function card(page: Page, name: string, relationship: string) {
  return page.locator('.record-card').filter({ has: page.getByRole('heading', { name }) }).filter({ hasText: relationship });
}

test('a line manager and their report make and sign a supervision agreement', async ({ page, browser, viewport }, testInfo) => {
  // One report per project: both run against the same server.
  const report = testInfo.project.name === 'phone' ? 'Tom Reed' : 'Aisha Khan';
  await signInAt(page, '/supervisees', 'Priya Shah');
  const theirs = card(page, report, 'Line manager');
  await expect(theirs).toContainText('Agreement needed');
  await theirs.getByRole('link', { name: `Make a supervision agreement with ${report}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Supervision agreement with ${report}` })).toBeVisible();
  // Each heading starts from the policy's words.
  await expect(page.getByLabel('Confidentiality and its limits')).toHaveValue(/safety of a child, young person or adult/);

  await page.getByLabel('How often, in days').fill('28');
  await page.getByRole('button', { name: 'Save the agreement' }).click();
  const summary = page.locator('.error-summary');
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('Say where you usually meet');
  await expect(page.getByLabel('Where you usually meet')).toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('Where you usually meet').fill('Team base, quiet room');
  await page.getByRole('button', { name: 'Save the agreement' }).click();
  await expect(page).toHaveURL(/\/agreements\/[0-9a-f-]{36}\?saved=1$/);
  await expect(page.locator('#agreement-status')).toContainText('Once you have both signed it, it is in force.');
  await page.getByRole('button', { name: 'Sign this agreement' }).click();
  await expect(page.locator('#agreement-status')).toContainText('It is in force once the other person signs too.');

  // The report finds it waiting for their signature, reads it, and signs.
  const them = await personAt(browser, '/', report, viewport);
  const toSign = them.getByRole('region', { name: 'Agreements to sign' });
  await toSign.getByRole('link', { name: new RegExp(`Line management agreement: ${report} and Priya Shah`) }).click();
  await expect(them.getByRole('heading', { level: 2, name: 'What you agree' })).toBeVisible();
  await expect(them.locator('main')).toContainText('Team base, quiet room');
  await them.getByRole('button', { name: 'Sign this agreement' }).click();
  await expect(them.locator('#agreement-status')).toContainText('Both of you have now signed: the agreement is in force.');
  await expect(them.getByText('In force', { exact: true })).toBeVisible();

  await page.goto('/supervisees');
  await expect(card(page, report, 'Line manager')).toContainText('Agreement in place');
});
