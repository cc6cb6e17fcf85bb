// F3.7: a case is recorded by its case number, never a name; one not
// discussed within the worker's case supervision interval (the trust's
// three months) is overdue for discussion, for the worker and
// the supervisor alike. F3.10: a record saved as a draft on the server is
// finished from another browser, and the draft is gone once it is submitted.
import { test, expect, type Page } from '@playwright/test';
import {
  backTo, browserDay, chooseMode, continueTo, dateGroup, expectStep, fillDate, longDate, personAt, pickSupervisee, saveRecordFrom, signInAt,
} from './helpers';

const REFERENCE = 'CN-204518';

/** The card for `reference` with `worker` on the Cases page. */
function caseCard(page: Page, reference: string, worker: string) {
  return page.locator('.case-card').filter({ hasText: reference }).filter({ hasText: worker });
}

test('a case discussed 100 days ago is overdue for discussion for the worker and the supervisor', async ({ page, browser, viewport }) => {
  const story = `Case review of a slow-healing leg ulcer ${Date.now()}`;

  await signInAt(page, '/record', 'Priya Shah');
  const held = await browserDay(page, -100);
  await page.getByLabel('Kind of supervision').selectOption({ label: 'Case supervision' });
  await chooseMode(page);
  await pickSupervisee(page, 'Tom', 'Tom Reed');
  await continueTo(page, 'About the session');
  await fillDate(dateGroup(page, 'Date held'), held);
  await page.getByRole('checkbox', { name: 'Managerial' }).check();
  await continueTo(page, 'What was discussed');
  await page.getByLabel('Experience').fill(story);
  await continueTo(page, 'Analysis and plan');
  await continueTo(page, 'Actions and cases');

  // The cases section stays out of the way until a case is added.
  const cases = page.getByRole('region', { name: 'Cases discussed' });
  await expect(cases.getByRole('group')).toHaveCount(0);
  await cases.getByRole('button', { name: 'Add a case' }).click();
  const case1 = cases.getByRole('group', { name: 'Case 1' });
  const reference = case1.getByLabel('Case reference');
  await expect(reference).toBeFocused();
  await expect(case1.getByText('The case number, never a name.')).toBeVisible();

  // A name is refused by the server (the browser does not know the
  // organisation's format, so Continue lets it by): saving from the check
  // page brings the form back to this step, with the problem at the field.
  await reference.fill('Mrs Jones');
  await case1.getByLabel('Summary').fill('Leg ulcer slow to heal; dressing regime changed twice.');
  await case1.getByLabel('Decision').fill('Refer to tissue viability.');
  await continueTo(page, 'Check your answers');
  await page.getByRole('button', { name: 'Save record', exact: true }).click();
  await expectStep(page, 'Actions and cases');
  const summary = page.locator('.error-summary');
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('never a name');
  await expect(case1.locator('.field-error')).toContainText('never a name');
  await expect(reference).toHaveAttribute('aria-invalid', 'true');
  await summary.getByRole('link', { name: /never a name/ }).click();
  await expect(reference).toBeFocused();
  await expect(page).toHaveURL(/\/record\?step=actions$/);

  // With the case number it is saved, and the record shows the case.
  await reference.fill(REFERENCE);
  await saveRecordFrom(page, 'Actions and cases');
  const discussed = page.getByRole('region', { name: 'Cases discussed' });
  await expect(discussed.getByRole('heading', { name: REFERENCE })).toBeVisible();
  await expect(discussed).toContainText('Refer to tissue viability.');
  // With one supervisee, the case is theirs without asking.
  await expect(discussed).toContainText('Case of: Tom Reed');

  // Priya finds it on Cases, overdue for discussion, overdue ones first.
  await page.getByRole('link', { name: 'Cases', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Cases for discussion' })).toBeVisible();
  const card = caseCard(page, REFERENCE, 'Tom Reed');
  await expect(card).toContainText('Overdue for discussion');
  await expect(card).toContainText(longDate(held));
  await expect(card.getByRole('link', { name: new RegExp(`^Record of ${longDate(held)}`) })).toHaveAttribute(
    'href',
    /^\/supervisions\/[0-9a-f-]{36}$/,
  );
  await expect(page.locator('.case-card').first()).toContainText('Overdue for discussion');

  // Tom, whose case it is, sees the same.
  const tom = await personAt(browser, '/cases', 'Tom Reed', viewport);
  await expect(caseCard(tom, REFERENCE, 'Tom Reed')).toContainText('Overdue for discussion');
  await tom.context().close();
});

test('a case in a group record says whose case it is, and the record shows it', async ({ page }) => {
  const reference = `CN-${String(Date.now()).slice(-6)}`;

  await signInAt(page, '/record', 'Priya Shah');
  await page.getByLabel('Kind of supervision').selectOption({ label: 'Peer/group clinical supervision' });
  await page.getByLabel('Approach').selectOption({ label: 'Structured reflection' });
  await chooseMode(page);
  await pickSupervisee(page, 'Tom', 'Tom Reed');
  await continueTo(page, 'About the session');
  await page.getByRole('checkbox', { name: 'Supportive' }).check();
  await continueTo(page, 'What was discussed');
  await page.getByLabel('Experience').fill(`Group case discussion ${reference}`);
  await continueTo(page, 'Analysis and plan');
  await continueTo(page, 'Actions and cases');
  const cases = page.getByRole('region', { name: 'Cases discussed' });
  await cases.getByRole('button', { name: 'Add a case' }).click();
  const case1 = cases.getByRole('group', { name: 'Case 1' });
  await case1.getByLabel('Case reference').fill(reference);

  // With one supervisee the case is theirs: nothing to ask.
  const whose = case1.getByLabel('Whose case is this?');
  await expect(whose).toHaveCount(0);
  // A second supervisee is added on the first step; back at the cases, the
  // case kept, it asks whose it is.
  await backTo(page, 'Analysis and plan');
  await backTo(page, 'What was discussed');
  await backTo(page, 'About the session');
  await backTo(page, 'Who and how');
  await pickSupervisee(page, 'Aisha', 'Aisha Khan');
  await continueTo(page, 'What was discussed');
  await continueTo(page, 'Analysis and plan');
  await continueTo(page, 'Actions and cases');
  await expect(case1.getByLabel('Case reference')).toHaveValue(reference);
  await expect(whose).toBeVisible();

  // Continuing without saying whose case it is is stopped at the control.
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  await expectStep(page, 'Actions and cases');
  const summary = page.locator('.error-summary');
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('Say whose case this is: choose one of the supervisees.');
  await expect(case1.locator('.field-error')).toContainText('Say whose case this is');
  await expect(whose).toHaveAttribute('aria-invalid', 'true');
  await summary.getByRole('link', { name: /Say whose case this is/ }).click();
  await expect(whose).toBeFocused();

  // The choice is kept with the form on this device, and a reload stays on this step.
  await whose.selectOption({ label: 'Aisha Khan' });
  await page.reload();
  await expectStep(page, 'Actions and cases');
  await expect(page).toHaveURL(/\/record\?step=actions$/);
  await expect(whose.locator('option:checked')).toHaveText('Aisha Khan');

  await saveRecordFrom(page, 'Actions and cases');
  const discussed = page.getByRole('region', { name: 'Cases discussed' });
  await expect(discussed.getByRole('heading', { name: reference })).toBeVisible();
  await expect(discussed).toContainText('Case of: Aisha Khan');
});

test('a draft saved on the server is finished in another browser, and is gone once submitted', async ({ page, browser, viewport }) => {
  const story = `Started on the ward computer before the clinic ${Date.now()}`;

  await signInAt(page, '/record', 'Priya Shah');
  await page.getByLabel('Approach').selectOption({ label: 'Structured reflection' });
  await chooseMode(page);
  await pickSupervisee(page, 'Tom', 'Tom Reed');
  await continueTo(page, 'What was discussed');
  await page.getByLabel('Experience').fill(story);
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: /^Draft saved at \d\d:\d\d; you can finish it here or on another device\.$/ }),
  ).toBeVisible();
  // The draft's id is the record's submission key, which this browser keeps.
  const draftId: string = await page.evaluate(() => {
    const key = Object.keys(localStorage).find((k) => k.startsWith('supervision.draft:') && k.endsWith(':/record'));
    return key ? JSON.parse(localStorage.getItem(key) ?? '{}').submissionKey : '';
  });
  expect(draftId).toMatch(/^[0-9a-f-]{36}$/);

  // On another device, the home page lists it by kind, date and people, never by what was written.
  const elsewhere = await personAt(browser, '/', 'Priya Shah', viewport);
  const drafts = elsewhere.getByRole('region', { name: 'Drafts' });
  const continueLink = drafts.locator(`a[href="/record?draft=${draftId}"]`);
  const card = drafts.getByRole('listitem').filter({ has: elsewhere.locator(`a[href="/record?draft=${draftId}"]`) });
  await expect(card).toContainText(`One-to-one clinical supervision, ${longDate(await browserDay(elsewhere))}, with Tom Reed`);
  await expect(card).toContainText('Last saved');
  await expect(card).not.toContainText(story);
  await expect(card.getByRole('button', { name: /^Discard/ })).toBeVisible();

  // Continuing opens the form as it was saved, at its first step.
  await expect(continueLink).toHaveAccessibleName(/^Continue One-to-one clinical supervision/);
  await continueLink.click();
  await expect(elsewhere).toHaveURL(new RegExp(`/record\\?draft=${draftId}$`));
  await expectStep(elsewhere, 'Who and how');
  await expect(elsewhere.getByLabel('Approach')).toHaveValue('structured_reflection');
  await expect(elsewhere.getByRole('group', { name: 'Mode' }).getByRole('radio', { name: 'Face to face', exact: true })).toBeChecked();
  await expect(elsewhere.getByRole('button', { name: 'Remove Tom Reed' })).toBeVisible();
  // The steps keep the draft's address.
  await continueTo(elsewhere, 'About the session');
  await elsewhere.getByRole('checkbox', { name: 'Supportive' }).check();
  await continueTo(elsewhere, 'What was discussed');
  await expect(elsewhere).toHaveURL(new RegExp(`/record\\?(.*&)?draft=${draftId}(&|$)`));
  await expect(elsewhere).toHaveURL(/\/record\?(.*&)?step=discussed(&|$)/);
  await expect(elsewhere.getByLabel('Experience')).toHaveValue(story);
  await continueTo(elsewhere, 'Analysis and plan');
  await saveRecordFrom(elsewhere, 'Analysis and plan');
  await expect(elsewhere.getByText(story)).toBeVisible();

  // Submitting removed the draft on the server: neither browser lists it.
  const answer = await elsewhere.request.post(new URL('/graphql', elsewhere.url()).toString(), {
    headers: { 'content-type': 'application/json', 'x-requested-with': 'supervision' },
    data: { query: '{ myDrafts { id } }' },
  });
  expect(answer.ok()).toBeTruthy();
  const ids: string[] = (await answer.json()).data.myDrafts.map((d: { id: string }) => d.id);
  expect(ids).not.toContain(draftId);
  await elsewhere.goto('/');
  await expect(elsewhere.getByRole('heading', { name: 'Supervision I received' })).toBeVisible();
  await expect(elsewhere.locator(`a[href="/record?draft=${draftId}"]`)).toHaveCount(0);
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Supervision I received' })).toBeVisible();
  await expect(page.locator(`a[href="/record?draft=${draftId}"]`)).toHaveCount(0);
  await elsewhere.context().close();
});
