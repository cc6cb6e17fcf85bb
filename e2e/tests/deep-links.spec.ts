// F1.3: the intranet's stable links work through sign-in, as a record's own
// address does: the record form at a kind, and team compliance. Issue 17
// (9): the record form follows its address, so leaving a form started for
// one supervisee for a plain one never carries that person over.
import { test, expect } from '@playwright/test';
import { expectStep, signInAt } from './helpers';

test('the intranet links open the record form at a kind and team compliance, through sign-in', async ({ page, browser, viewport }) => {
  await signInAt(page, '/record/clinical', 'Priya Shah');
  await expect(page).toHaveURL(/\/record\/clinical$/);
  await expectStep(page, 'Who and how');
  await expect(page.getByLabel('Kind of supervision')).toHaveValue('clinical_one_to_one');

  await page.goto('/record/management');
  await expect(page.getByLabel('Kind of supervision')).toHaveValue('line_management');

  const context = await browser.newContext(viewport ? { viewport } : {});
  const helen = await context.newPage();
  await signInAt(helen, '/team/compliance', 'Helen Carter');
  await expect(helen).toHaveURL(/\/team\/compliance$/);
  await expect(helen.getByRole('heading', { level: 1, name: 'Team compliance' })).toBeVisible();
  await context.close();
});

test('the record form follows its address: a supervisee chosen on My supervisees is not carried to a plain form', async ({ page }) => {
  await signInAt(page, '/supervisees', 'Priya Shah');
  await page.getByRole('link', { name: 'Record supervision for Tom Reed' }).first().click();
  await expect(page).toHaveURL(/\/record\?supervisee=/);
  await expect(page.getByRole('button', { name: 'Remove Tom Reed' })).toBeVisible();

  await page.getByRole('navigation').getByRole('link', { name: 'Record supervision' }).click();
  await expect(page).toHaveURL(/\/record$/);
  await expectStep(page, 'Who and how');
  await expect(page.getByRole('button', { name: 'Remove Tom Reed' })).toHaveCount(0);

  // Back to Tom's form: still his, with him chosen.
  await page.goBack();
  await expect(page).toHaveURL(/\/record\?supervisee=/);
  await expect(page.getByRole('button', { name: 'Remove Tom Reed' })).toBeVisible();
});
