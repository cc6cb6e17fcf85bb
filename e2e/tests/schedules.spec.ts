// F5.2: the newly qualified and induction schedules are the organisation's
// own wording, shown on the policy page; a system administrator writes a
// new wording from a date, checked phase by phase.
import { test, expect } from '@playwright/test';
import { dateGroup, fillDate, longDate, organisationDay, signInAt } from './helpers';

test('a system administrator reads the ASYE schedule and writes a new induction schedule from a date', async ({ page }, testInfo) => {
  await signInAt(page, '/policy', 'Ruth Adeyemi');
  const schedules = page.getByRole('region', { name: 'Schedules', exact: true });
  await expect(schedules.getByRole('heading', { level: 3, name: 'Newly qualified (ASYE)' })).toBeVisible();
  await expect(schedules).toContainText(
    'every 7 days until 6 weeks from the start; then every 14 days until 6 months and 6 weeks from the start; then every 30 days until 12 months from the start',
  );

  // Two years on (a day apart per project), so no one's compliance changes.
  const from = organisationDay(730 + (testInfo.project.name === 'phone' ? 0 : 1));
  await schedules.getByLabel('Schedule', { exact: true }).selectOption({ label: 'Probation or induction' });
  await fillDate(dateGroup(schedules, 'Starting on'), from);
  const first = schedules.getByRole('group', { name: 'Phase 1' });
  await first.getByLabel('Every (days)').fill('7');
  await first.getByLabel('and weeks').fill('4');
  await schedules.getByRole('button', { name: 'Add a phase' }).click();
  const second = schedules.getByRole('group', { name: 'Phase 2' });
  await second.getByLabel('Every (days)').fill('14');
  await second.getByLabel('and weeks').fill('2');
  await schedules.getByRole('button', { name: 'Save the schedule' }).click();
  const summary = page.locator('#schedule-errors');
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('Each phase ends after the one before it.');
  await expect(second).toContainText('Each phase ends after the one before it.');

  await second.getByLabel('Until months from the start').fill('6');
  await second.getByLabel('and weeks').fill('');
  await schedules.getByRole('button', { name: 'Save the schedule' }).click();
  await expect(page.locator('#schedule-status')).toContainText(
    `The probation or induction schedule is written from ${longDate(from)}.`,
  );
  await expect(schedules).toContainText(
    `From ${longDate(from)}: every 7 days until 4 weeks from the start; then every 14 days until 6 months from the start.`,
  );
});
