// F2.3: an organisation whose HR export names a column its own way says so
// once, on the Import staff page, and the next file with that name is read
// (a file with the usual names still is). At phone and desktop size, as
// Daniel Okoro, HR administrator of the demo trust; the kept name is
// forgotten again at the end, so other tests see the trust as it was.
import { test, expect } from '@playwright/test';
import { signInAt } from './helpers';

const TEAM = 'Community Services / Adult Community Nursing / Community Nursing North';

test('an HR administrator keeps the export\'s own name for a column and the next file is read with it', async ({ page }) => {
  const stamp = `${Date.now()}`.slice(-8);
  const header = 'Employee Number,Full Name,Work Email,Department Path,Start Date';
  const file = {
    name: 'staff.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`${header}\r\nC${stamp},Cara Doyle${stamp},cara.${stamp}@northfield.example,${TEAM},2026-11-02\r\n`),
  };
  await signInAt(page, '/import', 'Daniel Okoro');
  await page.getByRole('checkbox', { name: 'This export lists everyone employed' }).uncheck();
  const upload = page.getByLabel('Staff export (CSV)');

  // Not known yet: the unit column is missing.
  await upload.setInputFiles(file);
  await page.getByRole('button', { name: 'Check the file' }).click();
  await expect(page.getByRole('region', { name: 'This file cannot be imported yet' })).toContainText('no unit column');

  // Kept once.
  const columns = page.getByRole('region', { name: "Your export's column names" });
  const unit = columns.getByRole('textbox', { name: 'Unit (every export needs it)' });
  await expect(unit).toHaveValue('');
  await unit.fill('Department Path');
  await columns.getByRole('button', { name: 'Keep these column names' }).click();
  await expect(columns.getByText("Your export's column names have been kept.")).toBeFocused();

  // The same file now reads: one starter, no errors.
  await upload.setInputFiles(file);
  await page.getByRole('button', { name: 'Check the file' }).click();
  await expect(page.getByRole('region', { name: 'What this file will change' })).toContainText(
    '1 person in the file: 1 starting, 0 leaving',
  );

  // Kept across visits; then forgotten, as the test found it.
  await page.reload();
  const again = page.getByRole('region', { name: "Your export's column names" });
  await expect(again.getByRole('textbox', { name: 'Unit (every export needs it)' })).toHaveValue('Department Path');
  await again.getByRole('textbox', { name: 'Unit (every export needs it)' }).fill('');
  await again.getByRole('button', { name: 'Keep these column names' }).click();
  await expect(again.getByText("Your export's column names have been kept.")).toBeVisible();
  const width = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(width).toBeLessThanOrEqual(0);
});
