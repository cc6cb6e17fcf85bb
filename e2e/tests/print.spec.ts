// F9.4: a printable copy of a record. The server notes the printing
// (audited like an export: backend/tests/api/audit.rs) before the browser's
// print dialogue opens; printed, the page is the record as the reader sees
// it, without navigation, forms or buttons, earlier versions unfolded.
import { test, expect } from '@playwright/test';
import { chooseMode, continueTo, personAt, pickSupervisee, saveRecordFrom, signInAt } from './helpers';

test('a record prints as the reader sees it, once the server has noted it', async ({ page, browser, viewport }) => {
  const stamp = Date.now();
  const story = `A visit worth keeping on paper ${stamp}`;
  await signInAt(page, '/record', 'Priya Shah');
  await page.getByLabel('Kind of supervision').selectOption({ label: 'One-to-one clinical supervision' });
  await page.getByLabel('Approach').selectOption({ label: 'Structured reflection' });
  await chooseMode(page);
  await pickSupervisee(page, 'Tom', 'Tom Reed');
  await continueTo(page, 'What was discussed');
  await page.getByLabel('Experience').fill(story);
  const recordPath = await saveRecordFrom(page);

  const tom = await personAt(browser, recordPath, 'Tom Reed', viewport);
  await expect(tom.getByText(story)).toBeVisible();
  // Counts the dialogues the page opens (the browser's own print still runs).
  await tom.evaluate(() => {
    const w = window as unknown as { printed: number; print: () => void };
    const real = window.print.bind(window);
    w.printed = 0;
    w.print = () => { w.printed += 1; real(); };
  });
  const printed = () => tom.evaluate(() => (window as unknown as { printed: number }).printed);

  // While the server cannot be reached, nothing is printed, and it says so.
  await tom.context().route('**/graphql', (route) => route.abort());
  await tom.getByRole('button', { name: 'Print this record' }).click();
  await expect(tom.locator('.print-record').getByRole('status')).toContainText('The record could not be printed.');
  expect(await printed()).toBe(0);
  await tom.context().unroute('**/graphql');

  await tom.getByRole('button', { name: 'Print this record' }).click();
  await expect.poll(printed).toBe(1);

  // As printed: the record, without the header's navigation, forms or buttons.
  await tom.emulateMedia({ media: 'print' });
  await expect(tom.getByText(story)).toBeVisible();
  await expect(tom.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(tom.getByRole('navigation', { name: 'Main' })).toBeHidden();
  await expect(tom.getByRole('button', { name: 'Print this record' })).toBeHidden();
  await expect(tom.getByRole('button', { name: 'Submit validation' })).toBeHidden();
  await expect(tom.getByRole('contentinfo')).toBeHidden();
});
