// F2 (issue 14): a system administrator keeps the organisation's name, time
// zone and email domains; a zone nobody knows, or domains that would shut
// out their own email, are refused at the field and nothing changes.
import { test, expect } from '@playwright/test';
import { signInAt } from './helpers';

test('a system administrator keeps the settings, and cannot shut themselves out', async ({ page }, testInfo) => {
  await signInAt(page, '/', 'Ruth Adeyemi');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Organisation' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Organisation settings' })).toBeVisible();
  const name = await page.getByLabel('Name', { exact: true }).inputValue();
  expect(name).not.toBe('');
  await expect(page.getByLabel('Time zone')).toHaveValue('Europe/London');
  await expect(page.getByText('The tenant is set when the organisation is set up')).toBeVisible();

  // A new name is kept, and is there after a reload; then the old one again.
  const renamed = `${name} (${testInfo.project.name})`;
  await page.getByLabel('Name', { exact: true }).fill(renamed);
  await page.getByRole('button', { name: 'Save the settings' }).click();
  const status = page.locator('#settings-status');
  await expect(status).toHaveText(`The settings of ${renamed} are saved.`);
  await expect(status).toBeFocused();
  await expect(page.getByRole('status').filter({ has: status })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue(renamed);
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByRole('button', { name: 'Save the settings' }).click();
  await expect(status).toHaveText(`The settings of ${name} are saved.`);

  await page.getByLabel('Time zone').fill('Mars/Olympus_Mons');
  await page.getByLabel('Email domains').fill('elsewhere.example');
  await page.getByRole('button', { name: 'Save the settings' }).click();
  const summary = page.locator('.error-summary');
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('IANA name');
  await expect(summary).toContainText('Your own email');
  await expect(page.getByLabel('Email domains')).toHaveAttribute('aria-invalid', 'true');
  // Beside the field too, read with it.
  await expect(page.locator('#emailDomains-error')).toContainText('Your own email');
  await expect(page.getByLabel('Email domains')).toHaveAttribute('aria-describedby', /emailDomains-error/);

  await page.getByLabel('Time zone').fill('Europe/London');
  await page.getByLabel('Email domains').fill('');
  await page.getByRole('button', { name: 'Save the settings' }).click();
  await expect(page.locator('#settings-status')).toContainText(`The settings of ${name} are saved.`);

  // Still offered in the menu after the save.
  await page.goto('/');
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Organisation' })).toBeVisible();
});

test('staff are not offered the settings, and are told so if they go there', async ({ page }) => {
  await signInAt(page, '/', 'Tom Reed');
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Organisation' })).toHaveCount(0);
  await page.goto('/organisation');
  await expect(page.getByText('This page is not available to you.')).toBeVisible();
});
