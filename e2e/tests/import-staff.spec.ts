// F2.3, F2.4: an HR administrator loads the HR system's staff export. The
// file is checked first and changes nothing; every error is shown by its
// line; only a file without errors can be applied, and then the new
// starters are in the directory (found by the staff picker, without their
// accents). At phone and desktop size, against the demo trust, whose
// divisions are roots of their own.
//
// Each project imports people of its own (employee numbers made from the
// time), as a partial export: nobody else in the demo trust is touched.
import { test, expect } from '@playwright/test';
import { signInAt, pickSupervisee } from './helpers';

const HEADER =
  'Employee Number,First Name,Surname,Work Email,Job Title,Staff Group,Organisation,Start Date,Leaving Date,Line Manager Employee Number';
const TEAM = 'Community Services / Adult Community Nursing / Community Nursing North';

function csv(lines: string[]): { name: string; mimeType: string; buffer: Buffer } {
  return { name: 'staff.csv', mimeType: 'text/csv', buffer: Buffer.from([HEADER, ...lines].join('\r\n') + '\r\n') };
}

test('an HR administrator checks an export, sees its errors by line, and applies the corrected one', async ({ page }) => {
  const stamp = `${Date.now()}`.slice(-8);
  const [first, second] = [`T${stamp}1`, `T${stamp}2`];
  const surname = `Ní Bhriain${stamp}`;
  await signInAt(page, '/import', 'Daniel Okoro');
  await expect(page.getByRole('heading', { level: 1, name: 'Import staff' })).toBeVisible();
  await page.getByRole('checkbox', { name: 'This export lists everyone employed' }).uncheck();

  // Nothing chosen: the GOV.UK error summary, linked to the field.
  await page.getByRole('button', { name: 'Check the file' }).click();
  const summary = page.locator('#error-summary');
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('Choose the staff export to check');

  // A file with two mistakes: a date that is not a date, and a manager
  // nobody employs.
  const file = page.getByLabel('Staff export (CSV)');
  await file.setInputFiles(
    csv([
      `${first},Siân,${surname},sian.${stamp}@northfield.example,Community Nurse,Nursing,${TEAM},2026-13-01,,`,
      `${second},Zoë,O'Neill${stamp},zoe.${stamp}@northfield.example,Staff Nurse,Nursing,${TEAM},2026-11-02,,X${stamp}`,
    ]),
  );
  await page.getByRole('button', { name: 'Check the file' }).click();
  const refused = page.getByRole('region', { name: 'This file cannot be imported yet' });
  await expect(refused.getByRole('heading', { level: 2 })).toBeFocused();
  await expect(refused).toContainText("Line 2, start date: '2026-13-01' is not a date");
  await expect(refused).toContainText(`Line 3, line manager: no current employee has the number X${stamp}`);
  await expect(refused.getByRole('button', { name: 'Apply these changes' })).toHaveCount(0);

  // Corrected: what it will change, then applied.
  await file.setInputFiles(
    csv([
      `${first},Siân,${surname},sian.${stamp}@northfield.example,Community Nurse,Nursing,${TEAM},2026-11-02,,`,
      `${second},Zoë,O'Neill${stamp},zoe.${stamp}@northfield.example,Staff Nurse,Nursing,${TEAM},2026-11-02,,${first}`,
    ]),
  );
  await page.getByRole('button', { name: 'Check the file' }).click();
  const preview = page.getByRole('region', { name: 'What this file will change' });
  await expect(preview).toContainText('2 people in the file: 2 starting, 0 leaving');
  await expect(preview.getByRole('table', { name: 'Changes by person' })).toContainText(`Siân ${surname} (${first})`);
  await expect(preview.getByRole('table', { name: 'Changes by person' })).toContainText(`starts in ${TEAM}`);
  await preview.getByRole('button', { name: 'Apply these changes' }).click();
  const applied = page.getByRole('region', { name: 'The import has been applied' });
  await expect(applied.getByRole('heading', { level: 2 })).toBeFocused();
  await expect(applied.getByRole('button', { name: 'Apply these changes' })).toHaveCount(0);

  // The same file again: nothing left to change.
  await page.getByRole('button', { name: 'Check the file' }).click();
  await expect(page.getByRole('region', { name: 'What this file will change' })).toContainText(
    'The staff list already matches this file',
  );

  // Priya finds the new starter by typing her name without its accent.
  await page.context().clearCookies();
  await signInAt(page, '/record', 'Priya Shah');
  await pickSupervisee(page, `sian ni bhriain${stamp}`, `Siân ${surname}`);
});

test('the page is for HR administrators only', async ({ page }) => {
  await signInAt(page, '/import', 'Priya Shah');
  await expect(page.getByText('This page is for HR administrators')).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Import staff' })).toHaveCount(0);
});
