// F4.4, F4.5: the recorder amends a record with a reason; the earlier version
// is kept with how it had been validated, and the supervisee is asked to
// validate again. The recorder then asks for the record to be removed; a
// system administrator approves, and the record is "not found" for everyone.
import { test, expect } from '@playwright/test';
import { chooseMode, continueTo, personAt, pickSupervisee, saveRecordFrom, signInAt } from './helpers';

test('a record is amended with its earlier version kept, then removed on an administrator\'s approval', async ({ page, browser, viewport }) => {
  // Four people sign in on a two-core machine.
  test.setTimeout(180_000);
  const stamp = Date.now();
  const story = `Discussed a complex wound-care caseload ${stamp}`;
  const amended = `Discussed a complex wound-care caseload and a safeguarding referral ${stamp}`;
  const amendReason = `The safeguarding referral was left out ${stamp}`;
  const removalReason = `Recorded for the wrong session ${stamp}`;

  // Priya records a one-to-one session for Tom.
  await signInAt(page, '/record', 'Priya Shah');
  await page.getByLabel('Kind of supervision').selectOption({ label: 'One-to-one clinical supervision' });
  await page.getByLabel('Approach').selectOption({ label: 'Structured reflection' });
  await chooseMode(page);
  await pickSupervisee(page, 'Tom', 'Tom Reed');
  await continueTo(page, 'What was discussed');
  await page.getByLabel('Experience').fill(story);
  const recordPath = await saveRecordFrom(page);
  await expect(page.getByText(story)).toBeVisible();
  // A first version says no version number.
  await expect(page.getByText('Version 1', { exact: true })).toHaveCount(0);
  // Only system administrators are offered the removal requests.
  await expect(page.getByRole('link', { name: 'Removal requests' })).toHaveCount(0);

  // Tom agrees with the first version.
  const tom = await personAt(browser, recordPath, 'Tom Reed', viewport);
  await expect(tom.getByText(story)).toBeVisible();
  await expect(tom.getByText('Amend this record')).toHaveCount(0);
  await expect(tom.getByText('Ask for this record to be removed')).toHaveCount(0);
  await tom.getByRole('radio', { name: 'I agree this is an accurate record' }).check();
  await tom.getByRole('button', { name: 'Submit validation' }).click();
  await expect(tom.getByText(/Your validation has been saved/)).toBeVisible();

  // Priya amends it; the reason is asked for before anything is sent.
  await page.reload();
  await page.getByText('Amend this record').click();
  await expect(page.getByLabel('Experience')).toHaveValue(story);
  await page.getByLabel('Experience').fill(amended);
  await page.getByRole('button', { name: 'Save amendment' }).click();
  const problems = page.locator('.error-summary');
  await expect(problems).toBeFocused();
  await expect(problems.getByRole('link', { name: 'Say why the record is being changed: the supervisees will see it.' })).toBeVisible();
  await page.getByLabel('Reason for the change').fill(amendReason);
  await page.getByRole('button', { name: 'Save amendment' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Version 2 of the record has been saved. Tom Reed has been asked to validate it again.' })).toBeVisible();
  await expect(page.getByText('Version 2', { exact: true })).toBeVisible();
  await expect(page.getByText(amended)).toBeVisible();
  await expect(page.getByRole('region', { name: 'Supervisees', exact: true }).getByRole('listitem').filter({ hasText: 'Tom Reed' })).toContainText('Awaiting validation');

  // The earlier version is kept: who changed it, why, what changed, what it said.
  const versions = page.getByRole('region', { name: 'Earlier versions' });
  await versions.getByText(/^Version 1, replaced on /).click();
  await expect(versions.getByText(amendReason)).toBeVisible();
  await expect(versions.getByText(story, { exact: true })).toBeVisible();
  await expect(versions.locator('.summary-row').filter({ hasText: 'What changed' })).toContainText('Experience');
  await expect(versions.getByRole('listitem').filter({ hasText: 'Tom Reed' })).toContainText('Agreed');

  // Tom is asked to validate the new version and sees the one he agreed to.
  await tom.reload();
  await expect(tom.getByText(amended)).toBeVisible();
  await expect(tom.getByText('Priya Shah amended this record.')).toBeVisible();
  await expect(tom.getByText(/Please check version 2 and validate it again/)).toBeVisible();
  await expect(tom.getByText('Version 2', { exact: true })).toBeVisible();
  await expect(tom.getByRole('radio', { name: 'I agree this is an accurate record' })).not.toBeChecked();
  const tomVersions = tom.getByRole('region', { name: 'Earlier versions' });
  await tomVersions.getByText(/^Version 1, replaced on /).click();
  await expect(tomVersions.getByText(story, { exact: true })).toBeVisible();
  await expect(tomVersions.getByText(amendReason)).toBeVisible();
  await tom.getByRole('radio', { name: 'I agree this is an accurate record' }).check();
  await tom.getByRole('button', { name: 'Submit validation' }).click();
  await expect(tom.getByText(/Your validation has been saved/)).toBeVisible();

  // Tom is not a system administrator: the removal requests are not for him.
  await tom.goto('/removals');
  await expect(tom.getByRole('heading', { level: 1, name: 'Removal requests' })).toBeVisible();
  await expect(tom.getByText('This page is not available to you.')).toBeVisible();

  // Priya asks for the record to be removed.
  await page.getByText('Ask for this record to be removed').click();
  await page.getByLabel('Why was this record made in error?').fill(removalReason);
  await page.getByRole('button', { name: 'Ask for removal' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'A system administrator will decide whether to remove it' })).toBeVisible();
  await expect(page.getByText('Removal requested.')).toBeVisible();
  await expect(page.getByText('Ask for this record to be removed')).toHaveCount(0);

  // Ruth, a system administrator, finds the request and approves it; a
  // decline would have needed a note.
  const ruth = await personAt(browser, '/', 'Ruth Adeyemi', viewport);
  await ruth.getByRole('link', { name: 'Removal requests' }).click();
  await expect(ruth.getByRole('heading', { level: 1, name: 'Removal requests' })).toBeVisible();
  const waiting = ruth.getByRole('region', { name: 'Waiting for a decision' });
  const request = waiting.getByRole('listitem').filter({ hasText: removalReason });
  await expect(request).toContainText('One-to-one clinical supervision');
  await expect(request).toContainText('Priya Shah');
  await request.getByRole('button', { name: 'Decline removal' }).click();
  await expect(ruth.locator('.error-summary')).toContainText('Say why the record stays');
  await expect(request.getByLabel('Note on your decision')).toHaveAttribute('aria-invalid', 'true');
  await request.getByRole('button', { name: 'Approve removal' }).click();
  await expect(ruth.getByRole('status').filter({ hasText: 'Removal approved' })).toBeVisible();
  const decided = ruth.getByRole('region', { name: 'Decided' }).getByRole('listitem').filter({ hasText: removalReason });
  await expect(decided).toContainText('Approved: record removed');
  await expect(decided).toContainText('Ruth Adeyemi');

  // The record link now answers "not found", for the recorder and the supervisee alike.
  await page.goto(recordPath);
  await expect(page.getByRole('heading', { level: 1, name: 'Record not found' })).toBeVisible();
  await expect(page.getByText(amended)).toHaveCount(0);
  await tom.goto(recordPath);
  await expect(tom.getByRole('heading', { level: 1, name: 'Record not found' })).toBeVisible();
});
