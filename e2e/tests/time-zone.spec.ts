// The day is the organisation's (Europe/London), whatever zone the device is
// set to: the record form offers the organisation's today as the latest
// date held, and a session held that day is saved. A device far east
// (UTC+14) and one far west (UTC-11) make sure that, at whatever hour this
// runs, one of them is on another date than London.
import { test, expect } from '@playwright/test';
import { chooseMode, continueTo, isoDate, organisationDay, pickSupervisee, saveRecordFrom, signInAt } from './helpers';

for (const zone of ['Pacific/Kiritimati', 'Pacific/Pago_Pago']) {
  test(`a device set to ${zone} records a session held today in the UK`, async ({ browser, viewport }) => {
    const context = await browser.newContext({ timezoneId: zone, ...(viewport ? { viewport } : {}) });
    const page = await context.newPage();
    const today = isoDate(organisationDay());

    await signInAt(page, '/record', 'Priya Shah');
    const held = page.getByLabel('Date held');
    await expect(held).toHaveAttribute('max', today);
    await expect(held).toHaveValue(today);

    await page.getByLabel('Kind of supervision').selectOption({ label: 'Peer/group clinical supervision' });
    await page.getByLabel('Approach').selectOption({ label: 'Structured reflection' });
    await chooseMode(page);
    await pickSupervisee(page, 'Tom', 'Tom Reed');
    // Continue checks the date held, as the browser judges it, on this step.
    await continueTo(page, 'What was discussed');
    await page.getByLabel('Experience').fill(`Held today in the UK, from a device in ${zone}`);
    await page.getByRole('checkbox', { name: 'Supportive' }).check();
    await saveRecordFrom(page);
    await context.close();
  });
}
