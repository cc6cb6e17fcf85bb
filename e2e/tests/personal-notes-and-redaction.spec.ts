// F3.4, F7.2, F7.4: a group member's personal notes are theirs alone, or
// shared with the facilitator by choice; a supervisee asks for a section to
// be redacted, a senior manager who sees only that the session took place
// decides, and the supervisee sees the outcome; a line manager follows a
// supervisee's history to the record, and someone outside the chain cannot.
import { test, expect } from '@playwright/test';
import { chooseMode, continueTo, personAt, pickSupervisee, saveRecordFrom, signInAt } from './helpers';

test('personal notes stay private, a section is redacted on request, and the history lists the record', async ({ page, browser, viewport }) => {
  const stamp = Date.now();
  const story = `Group debrief after a difficult home visit ${stamp}`;
  const reflection = `Reflection on feeling rushed between visits ${stamp}`;
  const notes = `My own note: ask about the lone-working app ${stamp}`;
  const reason = `The reflection names a patient I visited (asked on ${stamp})`;

  // (a) Priya records a group session for Tom and Aisha.
  await signInAt(page, '/record', 'Priya Shah');
  await page.getByLabel('Kind of supervision').selectOption({ label: 'Peer/group clinical supervision' });
  await page.getByLabel('Approach').selectOption({ label: 'Structured reflection' });
  await chooseMode(page);
  await pickSupervisee(page, 'Tom', 'Tom Reed');
  await pickSupervisee(page, 'Aisha', 'Aisha Khan');
  await continueTo(page, 'What was discussed');
  await page.getByLabel('Experience').fill(story);
  await page.getByLabel('Reflection').fill(reflection);
  const recordPath = await saveRecordFrom(page);
  await expect(page.getByText(reflection)).toBeVisible();
  // The recorder is not a supervisee: no personal notes of her own here.
  await expect(page.getByRole('heading', { name: 'My personal notes' })).toHaveCount(0);

  // Tom keeps a note only he can read.
  const tom = await personAt(browser, recordPath, 'Tom Reed', viewport);
  await expect(tom.getByText(reflection)).toBeVisible();
  await expect(tom.getByRole('heading', { name: 'My personal notes' })).toBeVisible();
  await expect(tom.getByText('Only you can see these notes. They are not shared with your supervisor or other group members.')).toBeVisible();
  await tom.getByLabel('Personal notes', { exact: true }).fill(notes);
  await tom.getByRole('button', { name: 'Save my notes' }).click();
  await expect(tom.getByRole('status').filter({ hasText: 'Your notes have been saved' })).toBeVisible();
  await tom.reload();
  await expect(tom.getByLabel('Personal notes', { exact: true })).toHaveValue(notes);

  // Aisha, on the same record, sees the shared record and an empty notes box of her own.
  const aisha = await personAt(browser, recordPath, 'Aisha Khan', viewport);
  await expect(aisha.getByText(story)).toBeVisible();
  await expect(aisha.getByLabel('Personal notes', { exact: true })).toHaveValue('');
  await expect(aisha.getByText(notes)).toHaveCount(0);

  // Priya, who recorded it, does not see Tom's notes either.
  await page.reload();
  await expect(page.getByText(story)).toBeVisible();
  await expect(page.getByText(notes)).toHaveCount(0);
  await expect(page.getByLabel('Personal notes', { exact: true })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Personal notes shared with you' })).toHaveCount(0);

  // Aisha chooses to share hers with Priya, who led the session; Tom does not.
  const shared = `Shared with Priya: I would like help with the rota ${stamp}`;
  await aisha.getByLabel('Personal notes', { exact: true }).fill(shared);
  const share = aisha.getByRole('checkbox', { name: 'Share my notes with Priya Shah, who led the session' });
  await expect(share).not.toBeChecked();
  await share.check();
  await expect(aisha.getByText('Only you and Priya Shah, who led the session, can see these notes. Other group members cannot.')).toBeVisible();
  await aisha.getByRole('button', { name: 'Save my notes' }).click();
  await expect(aisha.getByRole('status').filter({ hasText: 'Your notes have been saved' })).toBeVisible();
  await aisha.reload();
  await expect(aisha.getByRole('checkbox', { name: 'Share my notes with Priya Shah, who led the session' })).toBeChecked();

  // Priya reads Aisha's, under Aisha's name, and still not Tom's.
  await page.reload();
  const sharedWithPriya = page.getByRole('region', { name: 'Personal notes shared with you' });
  await expect(sharedWithPriya).toContainText('Aisha Khan');
  await expect(sharedWithPriya).toContainText(shared);
  await expect(page.getByText(notes)).toHaveCount(0);
  // Tom, a fellow member, never sees what Aisha shared with Priya.
  await tom.reload();
  await expect(tom.getByText(shared)).toHaveCount(0);
  await expect(tom.getByRole('checkbox', { name: /Share my notes with Priya Shah/ })).not.toBeChecked();

  // (b) Tom asks for the reflection to be redacted; Helen, head of the
  // service, who sees only that the session took place, decides.
  await tom.getByText('Ask for a section to be redacted').click();
  await tom.getByRole('button', { name: 'Send request' }).click();
  // Nothing chosen: the summary at the top of the page says what is missing.
  await expect(tom.locator('main > .page-errors .error-summary')).toContainText('Choose the section to redact.');
  await tom.getByLabel('Section', { exact: true }).selectOption({ label: 'Reflection' });
  await tom.getByLabel('Why should it be redacted?').fill(reason);
  await tom.getByRole('button', { name: 'Send request' }).click();
  await expect(tom.getByRole('status').filter({ hasText: 'Your request to redact Reflection has been sent to a senior manager.' })).toBeVisible();
  const requests = tom.getByRole('region', { name: 'Redaction requests' });
  await expect(requests).toContainText("Waiting for a senior manager's decision");
  // Asked, not yet redacted.
  await expect(tom.getByText(reflection)).toBeVisible();

  const helen = await personAt(browser, recordPath, 'Helen Carter', viewport);
  await expect(helen.getByText('You can see that this session took place, but not what was discussed.')).toBeVisible();
  await expect(helen.getByText(shared)).toHaveCount(0);
  await helen.goto('/');
  await helen.getByRole('region', { name: 'Waiting for you' }).getByRole('link', { name: /to redact a section$/ }).click();
  await expect(helen.getByRole('heading', { level: 1, name: 'Redaction requests' })).toBeVisible();
  const card = helen.locator('.record-card').filter({ hasText: reason });
  await expect(card).toContainText('Asked by');
  await expect(card).toContainText('Tom Reed');
  await card.getByLabel('Note on your decision').fill('Agreed: the reflection names a patient.');
  await card.getByRole('button', { name: 'Redact section' }).click();
  await expect(helen.getByRole('status').filter({ hasText: 'Reflection redacted.' })).toBeVisible();
  await expect(helen.locator('.record-card').filter({ hasText: reason })).toHaveCount(0);
  await helen.goto(recordPath);
  await expect(helen.getByText(/This section was redacted on \d{1,2} [A-Z][a-z]+ \d{4}\./)).toBeVisible();

  // Tom now sees when the reflection was redacted, and not its text; the rest stands.
  await tom.reload();
  await expect(tom.getByText(story)).toBeVisible();
  const redacted = tom.locator('.record-section').filter({ has: tom.getByRole('heading', { name: 'Reflection' }) });
  await expect(redacted).toContainText(/This section was redacted on \d{1,2} [A-Z][a-z]+ \d{4}\./);
  await expect(tom.getByText(reflection)).toHaveCount(0);
  await expect(tom.getByLabel('Personal notes', { exact: true })).toHaveValue(notes);
  await expect(requests).toContainText('Redacted by Helen Carter');
  await expect(requests).toContainText('Agreed: the reflection names a patient.');

  // (c) Priya follows Tom's supervision history from "My supervisees" to the record.
  await page.goto('/supervisees');
  await expect(page.getByRole('heading', { level: 1, name: 'My supervisees' })).toBeVisible();
  const historyLink = page.getByRole('link', { name: 'Supervision history of Tom Reed' }).first();
  const historyPath = await historyLink.getAttribute('href');
  await historyLink.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Supervision history of Tom Reed' })).toBeVisible();
  const entry = page.locator('.record-card').filter({ has: page.locator(`a[href="${recordPath}"]`) });
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText('Peer/group clinical supervision');
  await expect(entry).toContainText('Priya Shah');
  await expect(entry).toContainText('Awaiting validation');
  await expect(page.getByText(reflection)).toHaveCount(0);
  await entry.locator(`a[href="${recordPath}"]`).click();
  await expect(page).toHaveURL(new RegExp(`${recordPath}$`));

  // Owen, in another team, is told he has no access to Tom's history.
  expect(historyPath).toMatch(/^\/staff\/[0-9a-f-]{36}\?name=/);
  const owen = await personAt(browser, historyPath ?? '/staff/x', 'Owen Price', viewport);
  await expect(owen.getByText("You do not have access to this person's supervision history.")).toBeVisible();
  await expect(owen.locator('.record-card')).toHaveCount(0);
});
