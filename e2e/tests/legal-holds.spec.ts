// Issue 17 (HR pages), F7.7: an HR administrator places a legal hold on a
// person's file, sees it in force, and releases it; reads the next purge's
// dry run; the form's errors are
// summarised at the top of the page; anyone else is told the page is not
// for them.
import { test, expect } from '@playwright/test';
import { personAt } from './helpers';

test('an HR administrator holds a file and releases it', async ({ browser, viewport }, testInfo) => {
  // One person per project, as both may run at once on one server.
  const [search, name] = testInfo.project.name === 'phone' ? ['Aisha', 'Aisha Khan'] : ['Owen', 'Owen Price'];
  const reason = `Employment tribunal claim ${Date.now()}`;
  const daniel = await personAt(browser, '/', 'Daniel Okoro', viewport);
  await daniel.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Legal holds' }).click();
  await expect(daniel.getByRole('heading', { level: 1, name: 'Legal holds' })).toBeVisible();

  const form = daniel.getByRole('region', { name: "Hold a person's file" });
  await form.getByRole('button', { name: 'Place hold' }).click();
  const summary = daniel.locator('main > .page-errors .error-summary');
  await expect(summary).toBeFocused();
  await expect(summary).toContainText("Choose the person whose file to hold.");
  await expect(daniel).toHaveTitle(/^Error: Legal holds/);

  await form.getByRole('combobox', { name: 'Person' }).fill(search);
  await daniel.getByRole('listbox', { name: 'Matching people' }).getByRole('option', { name: new RegExp(name) }).first().click();
  await form.getByLabel('Reason for the hold').fill(reason);
  await form.getByRole('button', { name: 'Place hold' }).click();
  const status = daniel.locator('#holds-status');
  await expect(status).toContainText(`${name}'s file is held`);
  await expect(daniel).toHaveTitle(/^Legal holds/);
  const card = daniel.locator('.record-card').filter({ hasText: reason });
  await expect(card).toContainText(`${name}'s file`);
  await expect(card).toContainText('Placed by');
  await expect(card).toContainText('Daniel Okoro');

  // Released after a second thought: gone from the holds in force.
  await card.getByRole('button', { name: /^Release/ }).click();
  await card.getByRole('button', { name: 'Yes, release it' }).click();
  await expect(status).toContainText(`The hold on ${name}'s file is released`);
  await expect(daniel.locator('.record-card').filter({ hasText: reason })).toHaveCount(0);

  // The next purge, as a dry run: what it would remove, nothing changed.
  await daniel.getByRole('button', { name: 'Show what the next purge would remove' }).click();
  await expect(daniel.locator('.dry-run-summary')).toContainText(/^Records are kept \d+ years after a person leaves\./);

  // Tom is not HR: the page is not for him, and holds nothing.
  const tom = await personAt(browser, '/legal-holds', 'Tom Reed', viewport);
  await expect(tom.getByText('This page is not available to you.')).toBeVisible();
  await expect(tom.getByRole('region', { name: "Hold a person's file" })).toHaveCount(0);
});
