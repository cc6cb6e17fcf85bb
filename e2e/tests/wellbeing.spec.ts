// F3.9: a wellbeing check is kept with the person; their supervisor sees it
// on the record form with its review date, to review it in the session;
// nobody else sees it.
import { test, expect } from '@playwright/test';
import { chooseMode, continueTo, dateGroup, fillDate, organisationDay, personAt, pickSupervisee, signInAt } from './helpers';

test('a wellbeing check kept by the person is shown to their supervisor on the record form, and to no one else', async ({ page, browser, viewport }) => {
  const check = `Sleeping better since the caseload cap ${Date.now()}`;
  const tom = await personAt(browser, '/', 'Tom Reed', viewport);
  await tom.getByRole('link', { name: 'Open my wellbeing records' }).click();
  await expect(tom.getByRole('heading', { level: 1, name: 'My wellbeing' })).toBeVisible();

  // Nothing written: the summary says what is missing and takes focus.
  await tom.getByRole('button', { name: 'Keep it' }).click();
  const summary = tom.locator('#wellbeing-errors');
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('Write how they are');
  await expect(tom.getByLabel('How they are, or what the plan is for')).toHaveAttribute('aria-invalid', 'true');

  await tom.getByRole('radio', { name: 'Wellbeing check' }).check();
  await tom.getByLabel('How they are, or what the plan is for').fill(check);
  await fillDate(dateGroup(tom, 'Review by'), organisationDay(7));
  await tom.getByRole('button', { name: 'Keep it' }).click();
  await expect(tom.locator('#wellbeing-status')).toContainText('The wellbeing check is kept');
  const open = tom.getByRole('region', { name: 'Open' });
  await expect(open).toContainText(check);
  await expect(open).toContainText('Review due');
  const tomsPage = tom.url();

  // Priya, his supervisor, sees it on the record form, on the step where
  // what was discussed is written.
  await signInAt(page, '/record', 'Priya Shah');
  await page.getByLabel('Approach').selectOption({ label: 'Structured reflection' });
  await chooseMode(page);
  await pickSupervisee(page, 'Tom', 'Tom Reed');
  await continueTo(page, 'What was discussed');
  const review = page.getByRole('region', { name: 'Wellbeing to review' });
  await expect(review).toContainText(check);
  await expect(review).toContainText('Review due');

  // A colleague is told there is nothing there.
  const aisha = await personAt(browser, '/', 'Aisha Khan', viewport);
  await aisha.goto(tomsPage);
  await expect(aisha.getByText(check)).toHaveCount(0);
  await expect(aisha.getByRole('alert')).toContainText('That could not be found.');
});
