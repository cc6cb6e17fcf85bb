// F4.1 by email: a saved record sends each supervisee an email with a link to
// it (through the real SMTP server scripts/e2e.sh starts); following their
// link, one agrees and one disagrees with their own account, and the record
// shows both.
import { test, expect } from '@playwright/test';
import { personAt, pickSupervisee, signInAt } from './helpers';
import { recordLink, waitForMail } from './mail';

const TOM = 'tom.reed@northfield.example';
const AISHA = 'aisha.khan@northfield.example';
const OWEN = 'owen.price@northfield.example';

test('each supervisee of a group session is emailed a link, and validates through it', async ({ page, browser, viewport }) => {
  // Three people sign in on a two-core machine, and the emails take a moment.
  test.setTimeout(180_000);
  const stamp = Date.now();
  const story = `Group session on caseload pressures ${stamp}`;
  const action = `Share the winter caseload plan with the team ${stamp}`;
  const account = `We also agreed to review lone working before the winter ${stamp}`;

  // Priya records a group session for three people, with an action.
  await signInAt(page, '/record', 'Priya Shah');
  await page.getByLabel('Kind of supervision').selectOption({ label: 'Peer/group clinical supervision' });
  await page.getByLabel('Approach').selectOption({ label: 'Structured reflection' });
  await pickSupervisee(page, 'Tom', 'Tom Reed');
  await pickSupervisee(page, 'Aisha', 'Aisha Khan');
  await pickSupervisee(page, 'Owen', 'Owen Price');
  await page.getByLabel('Experience').fill(story);
  await page.getByRole('checkbox', { name: 'Supportive' }).check();
  await page.getByRole('button', { name: 'Add action' }).click();
  await page.getByLabel('Description').fill(action);
  await page.getByRole('button', { name: 'Save record' }).click();
  await expect(page).toHaveURL(/\/supervisions\/[0-9a-f-]{36}\?saved=1$/);
  const recordPath = new URL(page.url()).pathname;
  await expect(page.getByText(story)).toBeVisible();

  // Each of the three is sent an email about this record, and only a link:
  // never what was discussed.
  const [tomMail, aishaMail, owenMail] = await Promise.all(
    [TOM, AISHA, OWEN].map((address) => waitForMail(address, recordPath, 60_000)),
  );
  for (const mail of [tomMail, aishaMail, owenMail]) {
    expect(mail.subject).toMatch(/^Please validate your supervision record/);
    expect(new URL(recordLink(mail)).pathname).toBe(recordPath);
    expect(mail.body).not.toContain(story);
    expect(mail.body).not.toContain(action);
  }
  expect(tomMail.body).toContain('Tom Reed');
  expect(aishaMail.body).toContain('Aisha Khan');

  // Tom signs in and follows the link in his email; he agrees.
  const tom = await personAt(browser, '/', 'Tom Reed', viewport);
  await tom.goto(recordLink(tomMail));
  await expect(tom).toHaveURL(new RegExp(`${recordPath}$`));
  await expect(tom.getByText(story)).toBeVisible();
  await tom.getByRole('radio', { name: 'I agree this is an accurate record' }).check();
  await tom.getByRole('button', { name: 'Submit validation' }).click();
  await expect(tom.getByRole('status').filter({ hasText: 'you agreed this is an accurate record' })).toBeVisible();

  // Aisha follows hers and disagrees, giving her own account.
  const aisha = await personAt(browser, '/', 'Aisha Khan', viewport);
  await aisha.goto(recordLink(aishaMail));
  await expect(aisha.getByText(story)).toBeVisible();
  await aisha.getByRole('radio', { name: 'I disagree' }).check();
  await aisha.getByLabel('Your comment').fill(account);
  await aisha.getByRole('button', { name: 'Submit validation' }).click();
  await expect(aisha.getByRole('status').filter({ hasText: 'you disagreed' })).toBeVisible();

  // The record shows both, to Priya and to each of them; Owen has yet to answer.
  await page.reload();
  const attendees = page.getByRole('region', { name: 'Attendees' }).getByRole('listitem');
  await expect(attendees.filter({ hasText: 'Tom Reed' })).toContainText('Agreed');
  await expect(attendees.filter({ hasText: 'Aisha Khan' })).toContainText('Disagreed');
  await expect(attendees.filter({ hasText: 'Aisha Khan' })).toContainText(account);
  await expect(attendees.filter({ hasText: 'Owen Price' })).toContainText('Awaiting validation');
  await tom.reload();
  const seenByTom = tom.getByRole('region', { name: 'Attendees' }).getByRole('listitem');
  await expect(seenByTom.filter({ hasText: 'Tom Reed' })).toContainText('Agreed');
  await expect(seenByTom.filter({ hasText: 'Aisha Khan' })).toContainText('Disagreed');
});
