// Issue 17, finding 4: the record form was one 9,641 px page, its "what was
// discussed" part alone five text areas long. Each step is now its own page
// that fits a phone's screen: from the step's heading to its Continue button
// is at most the screen's height, so once the site's header has scrolled
// away the whole question and its buttons are in view. The session's facts
// are asked over two pages and the cycle's five sections over two more. The
// figures are printed so a change that lengthens a step shows.
import { test, expect, type Page } from '@playwright/test';
import { chooseMode, continueTo, expectStep, pickSupervisee, signInAt } from './helpers';

const phone = { width: 375, height: 812 };

/**
 * The height from the step's heading to the bottom of its buttons, less
 * what the person is shown to review (the supervisees' open wellbeing
 * records, actions carried forward): that is the people's own, and as long
 * as they have; the questions are what must fit.
 */
async function stepHeight(page: Page): Promise<number> {
  return page.evaluate(() => {
    const top = document.querySelector('main h1')?.getBoundingClientRect().top ?? 0;
    const bottom = document.querySelector('.record-form > .form-actions > .form-buttons')?.getBoundingClientRect().bottom ?? Infinity;
    const toReview = [...document.querySelectorAll('[aria-labelledby="wellbeing-heading"], [aria-labelledby="carried-forward-heading"]')]
      .map((panel) => panel.getBoundingClientRect().height)
      .reduce((sum, h) => sum + h, 0);
    return Math.ceil(bottom - top - toReview);
  });
}

test('each step of the record form fits a phone screen', async ({ page }) => {
  await page.setViewportSize(phone);
  await signInAt(page, '/record', 'Priya Shah');
  const heights: Record<string, number> = {};
  await expectStep(page, 'Who and how');
  await page.getByLabel('Kind of supervision').selectOption({ label: 'One-to-one clinical supervision' });
  await page.getByLabel('Approach').selectOption({ label: 'Structured reflection' });
  await chooseMode(page);
  await pickSupervisee(page, 'Tom', 'Tom Reed');
  heights['Who and how'] = await stepHeight(page);
  await continueTo(page, 'About the session');
  heights['About the session'] = await stepHeight(page);
  await continueTo(page, 'What was discussed');
  heights['What was discussed'] = await stepHeight(page);
  await page.getByLabel('Experience').fill(`Fits a phone ${Date.now()}`);
  await continueTo(page, 'Analysis and plan');
  heights['Analysis and plan'] = await stepHeight(page);
  await continueTo(page, 'Actions and cases');
  heights['Actions and cases'] = await stepHeight(page);
  console.log(`record form steps at ${phone.width}x${phone.height}, heading to buttons: ${JSON.stringify(heights)}`);
  expect(Object.keys(heights)).toHaveLength(5);
  for (const [step, height] of Object.entries(heights)) {
    expect(height, `${step} is ${height} px tall`).toBeLessThanOrEqual(phone.height);
  }
});
