// F6: a line manager makes a supervision agreement with their report on My
// supervisees, under the organisation's headings (the policy's words to
// start from); both e-sign it, and it is in place. At the narrowest phone
// the app is made for (360 px), and on a desktop.
import { test, expect, type Page } from '@playwright/test';
import { dateGroup, expectDate, organisationDay, personAt, signInAt } from './helpers';

/** The part of `name`'s card on My supervisees for one relationship ("Line manager"). */
function card(page: Page, name: string, relationship: string) {
  return page.locator('.person-card').filter({ has: page.getByRole('heading', { level: 2, name }) })
    .locator('.relationship').filter({ has: page.getByRole('heading', { level: 3, name: `As their ${relationship.toLowerCase()}` }) });
}

/** A fact of the agreement page, by its term. */
function fact(page: Page, term: string) {
  return page.locator('.record-facts > div').filter({ has: page.locator('dt', { hasText: term }) }).locator('dd');
}

/** Nothing on the page is wider than the screen (WCAG 1.4.10, reflow). */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    page.viewportSize()?.width ?? 0,
  );
}

test('a line manager and their report make and sign a supervision agreement', async ({ page, browser, viewport }, testInfo) => {
  // One report per project: both run against the same server.
  const phone = testInfo.project.name === 'phone';
  const report = phone ? 'Tom Reed' : 'Aisha Khan';
  const size = phone ? { width: 360, height: 780 } : viewport;
  if (size) await page.setViewportSize(size);
  await signInAt(page, '/supervisees', 'Priya Shah');
  const theirs = card(page, report, 'Line manager');
  await expect(theirs).toContainText('Agreement needed');
  await theirs.getByRole('link', { name: `Make a supervision agreement with ${report}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Supervision agreement with ${report}` })).toBeVisible();
  // Each heading starts from the policy's words; it starts today and is
  // reviewed a year on at the latest.
  await expect(page.getByLabel('Confidentiality and its limits')).toHaveValue(/safety of a child, young person or adult/);
  const today = organisationDay();
  const yearOn = new Date(Date.UTC(today.getUTCFullYear() + 1, today.getUTCMonth(), today.getUTCDate()));
  await expectDate(dateGroup(page, 'Starts on'), today);
  await expectDate(dateGroup(page, 'Reviewed by'), yearOn);
  await expect(dateGroup(page, 'Reviewed by')).toContainText('No later than a year after it starts.');
  await expect(page.getByLabel('Reason for meeting less often (optional)')).toHaveValue('');
  await expectNoSidewaysScroll(page);

  // The venue left out: the summary takes focus and leads to the field.
  await page.getByLabel('How often, in days').fill('28');
  await page.getByRole('button', { name: 'Save the agreement' }).click();
  const summary = page.locator('.error-summary');
  await expect(summary).toBeFocused();
  const venue = page.getByLabel('Where you usually meet');
  await expect(venue).toHaveAttribute('aria-invalid', 'true');
  await expect(venue).toHaveAttribute('aria-describedby', /venue-error/);
  await summary.getByRole('link', { name: /Say where you usually meet/ }).click();
  await expect(venue).toBeFocused();
  await venue.fill('Team base, quiet room');
  await page.getByRole('button', { name: 'Save the agreement' }).click();
  await expect(page).toHaveURL(/\/agreements\/[0-9a-f-]{36}\?saved=1$/);
  const status = page.locator('#agreement-status');
  await expect(status).toContainText('Once you have both signed it, it is in force.');
  await expect(fact(page, 'How often')).toHaveText('Every 28 days');
  await expectNoSidewaysScroll(page);
  await page.getByRole('button', { name: 'Sign this agreement' }).click();
  await expect(status).toContainText('It is in force once the other person signs too.');
  await expect(fact(page, 'Signed by Priya Shah (supervisor)')).not.toHaveText('Not yet');

  // Revised before both have signed: her signature goes, and she signs again.
  await expect(page.getByText('Revising the agreement removes any signature it has: both of you sign it again.')).toBeVisible();
  await page.getByRole('button', { name: 'Revise the agreement' }).click();
  await expect(page.getByLabel('Where you usually meet')).toHaveValue('Team base, quiet room');
  await page.getByLabel('Where you usually meet').fill('Team base, room 2');
  await page.getByRole('button', { name: 'Save the changes' }).click();
  await expect(status).toContainText('The changes are saved. Both of you sign the agreement again');
  await expect(fact(page, 'Where')).toHaveText('Team base, room 2');
  await expect(fact(page, 'Signed by Priya Shah (supervisor)')).toHaveText('Not yet');
  await page.getByRole('button', { name: 'Sign this agreement' }).click();
  await expect(status).toContainText('It is in force once the other person signs too.');

  // My supervisees says it awaits a signature, and opens it.
  await page.goto('/supervisees');
  await expect(card(page, report, 'Line manager')).toContainText('Agreement awaiting signature');
  await expect(card(page, report, 'Line manager').getByRole('link', { name: `Open the supervision agreement with ${report}` })).toBeVisible();

  // The report finds it waiting for their signature, reads it, and signs.
  const them = await personAt(browser, '/', report, size);
  const toSign = them.getByRole('region', { name: 'Agreements to sign' });
  await toSign.getByRole('link', { name: `Line management agreement: ${report} and Priya Shah` }).click();
  await expect(them.getByRole('heading', { level: 2, name: 'What you agree' })).toBeVisible();
  await expect(them.locator('main')).toContainText('Team base, room 2');
  await expect(them.getByText('Signing says you have read this agreement and that it is an accurate record of what the two of you agreed.')).toBeVisible();
  await them.getByRole('button', { name: 'Sign this agreement' }).click();
  await expect(them.locator('#agreement-status')).toContainText('Both of you have now signed: the agreement is in force.');
  await expect(them.getByText('In force', { exact: true })).toBeVisible();
  await expect(them.getByRole('button', { name: 'Sign this agreement' })).toHaveCount(0);
  await expect(them.getByRole('button', { name: 'Revise the agreement' })).toHaveCount(0);
  await expectNoSidewaysScroll(them);
  // Their home page keeps it, no longer to sign.
  await them.goto('/');
  await expect(them.getByRole('region', { name: 'My supervision agreements' })).toContainText(`Line management agreement: ${report} and Priya Shah (in force)`);
  await expect(them.getByRole('region', { name: 'Agreements to sign' })).toHaveCount(0);

  // Her list shows it in place.
  await page.goto('/supervisees');
  const now = card(page, report, 'Line manager');
  await expect(now).toContainText('Agreement in place');
  await now.getByRole('link', { name: `Open the supervision agreement with ${report}` }).click();
  await expect(page.getByText('In force', { exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Review this agreement' })).toBeVisible();

  // Their head of service knows it exists and its dates, not what it says.
  const head = await personAt(browser, page.url(), 'Helen Carter', size);
  await expect(head.getByText('In force', { exact: true })).toBeVisible();
  await expect(head.getByText('What the agreement says is for its two parties only')).toBeVisible();
  await expect(head.locator('main')).not.toContainText('Team base, room 2');
  await expect(head.getByRole('button', { name: 'Sign this agreement' })).toHaveCount(0);

  // Taking over the supervision, she opens it for that stated purpose
  // (F7.3): she reads it, and the report sees who read it, when and why.
  const reason = `Taking over ${report}'s supervision while Priya is away`;
  await expect(head.getByRole('heading', { name: 'Open this agreement for a stated purpose' })).toBeVisible();
  await head.getByLabel('Purpose', { exact: true }).selectOption({ label: 'Transfer of supervision' });
  await head.getByLabel('Reason', { exact: true }).fill(reason);
  await head.getByRole('button', { name: 'Open agreement' }).click();
  await expect(head.locator('#agreement-status')).toContainText('Opened for Transfer of supervision until');
  await expect(head.locator('main')).toContainText('Team base, room 2');
  await expectNoSidewaysScroll(head);
  await them.goto('/');
  const opened = them.getByRole('region', { name: 'Who has opened my records' });
  const entry = opened.getByRole('listitem').filter({ hasText: reason }).first();
  await expect(entry).toContainText('Helen Carter');
  await expect(entry).toContainText('Transfer of supervision');
  await entry.getByRole('link', { name: /View agreement/ }).click();
  await expect(them.getByRole('heading', { level: 2, name: 'What you agree' })).toBeVisible();
});
