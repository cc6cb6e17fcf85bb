// Issue 16 (F8.4): appraisal (PDR) objectives. Priya Shah, Tom Reed's line
// manager, writes one of his objectives down on his page (errors first),
// links it to a session she recorded with him, and Tom finds it on the
// record and on his own page, where he marks it met. Each viewport writes
// its own objective, so the two runs never meet.
import { test, expect } from '@playwright/test';
import { personAt } from './helpers';
import { expectAccessible } from './axe';

test('an objective is written down, linked to a session, seen by the person and marked met', async ({ browser, viewport }, testInfo) => {
  test.setTimeout(120_000);
  const objective = `Lead a reflective group (${testInfo.project.name} ${Date.now()})`;
  const priya = await personAt(browser, '/supervisees', 'Priya Shah', viewport);
  await priya.getByRole('link', { name: 'Supervision history of Tom Reed' }).click();
  const section = priya.getByRole('region', { name: 'Appraisal objectives' });
  await expect(section).toBeVisible();

  // Nothing written: the error at the top, nothing saved.
  await section.getByRole('button', { name: 'Add the objective' }).click();
  const summary = priya.locator('#objective-errors');
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link')).toHaveText(['Write the objective, as agreed at the appraisal.']);
  await expectAccessible(priya, 'appraisal objectives, errors shown');
  await section.getByLabel('Objective', { exact: true }).fill(objective);
  await section.getByRole('button', { name: 'Add the objective' }).click();
  await expect(priya.locator('#objectives-status')).toContainText('The objective is written down.');
  await expect(section.locator('.record-card').filter({ hasText: objective })).toBeVisible();

  // Linked to a session she recorded with him.
  const history = priya.getByRole('region', { name: 'Supervision records' });
  // A line-management session: its file stays with her as his line manager.
  await history.locator('.record-card').filter({ hasText: 'Line management supervision' }).filter({ hasText: 'Priya Shah' }).first().getByRole('link').click();
  const worked = priya.getByRole('region', { name: 'Appraisal objectives worked on' });
  await expect(worked.getByLabel('Objective this session worked on')).toBeVisible();
  const record = priya.url();
  const option = await worked.locator('#objective-to-link option', { hasText: objective }).textContent();
  await worked.getByLabel('Objective this session worked on').selectOption({ label: option ?? objective });
  await worked.getByRole('button', { name: 'Link it' }).click();
  await expect(priya.locator('#objectives-status')).toContainText('is linked to this session');
  await expect(worked.locator('.record-card').filter({ hasText: objective })).toBeVisible();
  await expectAccessible(priya, 'a record with an objective linked');

  // Tom sees it on the record, and marks it met on his own page.
  const tom = await personAt(browser, record.replace(/^https?:\/\/[^/]+/, ''), 'Tom Reed', viewport);
  await expect(tom.getByRole('region', { name: 'Appraisal objectives worked on' }).locator('.record-card').filter({ hasText: objective })).toBeVisible();
  await tom.goto('/');
  await tom.getByRole('link', { name: 'Open my objectives and supervision history' }).click();
  const mine = tom.getByRole('region', { name: 'Appraisal objectives' }).locator('.record-card').filter({ hasText: objective });
  await mine.getByRole('button', { name: /^Mark as met/ }).click();
  await expect(tom.locator('#objectives-status')).toContainText('is marked as met');
  await expect(mine).toContainText(/Met on \d+ \w+ \d{4}/);
  await expect(mine.getByRole('button', { name: /^Mark as met/ })).toHaveCount(0);
  await expectAccessible(tom, 'my appraisal objectives');
});
