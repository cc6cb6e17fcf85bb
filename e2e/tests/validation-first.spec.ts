// Issue 17, finding 5: a record waiting for someone's validation asks for
// it. Their home page lists what is waiting first, with a count; the record
// itself opens with "Agree or disagree" above everything else, has one
// primary button, and a failed submit puts its error summary there and
// "Error:" at the start of the page's title.
import { test, expect } from '@playwright/test';
import { chooseMode, continueTo, personAt, pickSupervisee, saveRecordFrom, signInAt } from './helpers';

test('what waits for my validation comes first, at home and on the record', async ({ page, browser }) => {
  const phone = { width: 375, height: 812 };
  await page.setViewportSize(phone);
  const story = `Talked through a difficult discharge ${Date.now()}`;
  await signInAt(page, '/record', 'Priya Shah');
  await page.getByLabel('Kind of supervision').selectOption({ label: 'One-to-one clinical supervision' });
  await page.getByLabel('Approach').selectOption({ label: 'Structured reflection' });
  await chooseMode(page);
  await pickSupervisee(page, 'Aisha', 'Aisha Khan');
  await continueTo(page, 'What was discussed');
  await page.getByLabel('Experience').fill(story);
  const path = await saveRecordFrom(page);

  // Aisha's home: the waiting records first, counted, this one among them.
  const aisha = await personAt(browser, '/', 'Aisha Khan', phone);
  const waiting = aisha.getByRole('region', { name: /^Waiting for you to agree or disagree \(\d+\)$/ });
  await expect(waiting).toBeVisible();
  const count = Number((await waiting.getByRole('heading', { level: 2 }).textContent())?.match(/\((\d+)\)/)?.[1]);
  await expect(waiting.locator('.action-row')).toHaveCount(count);
  const firstSection = await aisha.locator('main h2').first().textContent();
  expect(firstSection).toMatch(/^Waiting for you to agree or disagree/);
  const row = waiting.locator('.action-row').filter({ has: aisha.locator(`a[href="${path}"]`) });
  await expect(row).toContainText('Recorded by Priya Shah');
  await row.getByRole('link').click();

  // The record opens with the question, before the record's own outline.
  const form = aisha.getByRole('region', { name: 'Agree or disagree with this record' });
  await expect(form).toBeVisible();
  const order = await aisha.evaluate(() => {
    const question = document.querySelector('.validate')!;
    const outline = document.querySelector('.summary-list')!;
    return question.compareDocumentPosition(outline) & Node.DOCUMENT_POSITION_FOLLOWING;
  });
  expect(order).toBeTruthy();
  // The outline names who was supervised.
  await expect(aisha.locator('.summary-list .summary-row').filter({ hasText: 'Supervisees' })).toContainText('Aisha Khan');
  const box = await form.boundingBox();
  expect(box?.y ?? Infinity).toBeLessThan(phone.height);
  // One primary button on the page: the validation's.
  const primaries = aisha.locator('main button.button:not(.button-secondary):not(.button-warning)');
  await expect(primaries).toHaveCount(1);
  await expect(primaries).toHaveText('Submit validation');

  // Submitted with nothing chosen: the summary at the top of the page,
  // above the heading (not inside the form), and the title says so.
  const title = await aisha.title();
  await form.getByRole('button', { name: 'Submit validation' }).click();
  await expect(aisha.locator('main > .page-errors > .error-summary')).toBeFocused();
  await expect(form.locator('.error-summary')).toHaveCount(0);
  const aboveHeading = await aisha.evaluate(() => {
    const summary = document.querySelector('.error-summary')!;
    const heading = document.querySelector('main h1')!;
    return Boolean(summary.compareDocumentPosition(heading) & Node.DOCUMENT_POSITION_FOLLOWING);
  });
  expect(aboveHeading).toBe(true);
  await expect(aisha).toHaveTitle(`Error: ${title}`);
  // Its link takes her down to the question.
  await aisha.locator('.error-summary a').first().click();
  await expect(form.locator('#decision')).toBeFocused();
  await form.getByRole('radio', { name: 'I agree this is an accurate record' }).check();
  await form.getByRole('button', { name: 'Submit validation' }).click();
  await expect(aisha.getByText(/Your validation has been saved/)).toBeVisible();
  await expect(aisha).toHaveTitle(title);
  // Validated, the form moves below the record, to change it if need be.
  await expect(aisha.getByRole('region', { name: 'Change your validation' })).toBeVisible();
  await expect(form).toHaveCount(0);

  // And it no longer waits at home.
  await aisha.goto('/');
  await expect(aisha.getByRole('heading', { level: 1, name: 'My own supervisions' })).toBeVisible();
  await expect(aisha.locator(`.awaiting a[href="${path}"]`)).toHaveCount(0);
});
