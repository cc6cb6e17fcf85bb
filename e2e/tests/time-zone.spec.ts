// The day is the organisation's (Europe/London), whatever zone the device is
// set to: the record form offers the organisation's today as the date held,
// refuses the organisation's tomorrow, and a session held today is saved. A
// device far east (UTC+14) and one far west (UTC-11) make sure that, at
// whatever hour this runs, one of them is on another date than London.
import { test, expect } from '@playwright/test';
import {
  chooseMode, continueTo, dateBox, dateGroup, expectDate, expectStep, fillDate, organisationDay, pickSupervisee, saveRecordFrom, signInAt,
} from './helpers';

for (const zone of ['Pacific/Kiritimati', 'Pacific/Pago_Pago']) {
  test(`a device set to ${zone} records a session held today in the UK`, async ({ browser, viewport }) => {
    const context = await browser.newContext({ timezoneId: zone, ...(viewport ? { viewport } : {}) });
    const page = await context.newPage();
    const today = organisationDay();

    await signInAt(page, '/record', 'Priya Shah');
    await page.getByLabel('Kind of supervision').selectOption({ label: 'Peer/group clinical supervision' });
    await page.getByLabel('Approach').selectOption({ label: 'Structured reflection' });
    await chooseMode(page);
    await pickSupervisee(page, 'Tom', 'Tom Reed');
    await continueTo(page, 'About the session');
    const held = dateGroup(page, 'Date held');
    await expectDate(held, today);
    // Continue checks the date held on this step, judged by the
    // organisation's day: its tomorrow is in the future, its today is not.
    await fillDate(held, organisationDay(1));
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    const summary = page.locator('.error-summary');
    await expect(summary).toBeFocused();
    await expect(summary).toContainText('The date held cannot be in the future.');
    await expectStep(page, 'About the session');
    await summary.getByRole('link', { name: 'The date held cannot be in the future.' }).click();
    await expect(dateBox(held, 'Day')).toBeFocused();
    await fillDate(held, today);
    await page.getByRole('checkbox', { name: 'Supportive' }).check();
    await continueTo(page, 'What was discussed');
    await page.getByLabel('Experience').fill(`Held today in the UK, from a device in ${zone}`);
    await continueTo(page, 'Analysis and plan');
    await saveRecordFrom(page, 'Analysis and plan');
    await context.close();
  });
}
