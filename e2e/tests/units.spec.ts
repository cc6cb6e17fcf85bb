// F2.1 (issue 14): the unit tree over time. An administrator opens a unit
// from today, sees it in the tree but not in the tree as it was yesterday,
// cannot close a team people still work in, and closes the empty new unit.
import { test, expect } from '@playwright/test';
import { isoDate, longDate, organisationDay, signInAt } from './helpers';

test('a unit opens and closes on its day, and one with people in it is not closed', async ({ page }, testInfo) => {
  const name = `Rapid Response ${testInfo.project.name} ${Date.now()}`;
  await signInAt(page, '/', 'Ruth Adeyemi');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Units' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Units' })).toBeVisible();
  const tree = page.getByRole('region', { name: 'The tree' });
  await expect(tree).toContainText('Community Nursing North');

  await page.getByRole('radio', { name: 'Open a new unit' }).check();
  await page.locator('#parentId').selectOption({ index: 1 });
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByRole('button', { name: 'Make the change' }).click();
  const today = longDate(organisationDay(0));
  await expect(page.locator('#units-status')).toContainText(`The unit is opened from ${today}.`);
  await expect(tree).toContainText(name);

  // The tree as it was yesterday has no such unit.
  await page.getByLabel('As it was on').fill(isoDate(organisationDay(-1)));
  await page.getByLabel('As it was on').blur();
  await expect(tree).not.toContainText(name);
  await expect(tree).toContainText('Community Nursing North');
  await page.getByLabel('As it was on').fill('');
  await page.getByLabel('As it was on').blur();

  // A team people work in is not closed.
  await page.getByRole('radio', { name: 'Close a unit' }).check();
  const unit = page.locator('#unitId');
  const team = await unit.locator('option', { hasText: 'Community Nursing North' }).first().getAttribute('value');
  await unit.selectOption(team ?? '');
  await page.getByRole('button', { name: 'Make the change' }).click();
  await expect(page.locator('.error-summary')).toContainText('people still work in it');

  // The new, empty unit is.
  const mine = await unit.locator('option', { hasText: name }).getAttribute('value');
  await unit.selectOption(mine ?? '');
  await page.getByRole('button', { name: 'Make the change' }).click();
  await expect(page.locator('#units-status')).toContainText(`The unit is closed from ${today}.`);
  await page.getByLabel('Show closed units').check();
  await expect(tree.getByRole('listitem').filter({ hasText: name })).toContainText('closed from');
});
