// Issue 16 (F8.1): an auditor, at phone size, draws a dip-sample round,
// scores a record against the audit tool (errors first, GOV.UK style), and
// the round's results count the scores (overall, per standard, per unit and
// as a CSV download), and a finding becomes an action for someone in the
// session; the auditor's home says how many
// records are left to score. The auditor reads the record drawn, and nothing
// else is opened to them.
import { readFileSync } from 'node:fs';
import { test, expect } from '@playwright/test';
import { dateGroup, fillDate, organisationDay, personAt } from './helpers';
import { expectAccessible } from './axe';

test('an auditor draws a round, scores a record and reads the results', async ({ browser, viewport }, testInfo) => {
  test.setTimeout(120_000);
  const title = `Dip sample ${testInfo.project.name} ${Date.now()}`;
  const grace = await personAt(browser, '/', 'Grace Liu', viewport);
  await grace.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audits' }).click();
  await expect(grace.getByRole('heading', { level: 1, name: 'Audits' })).toBeVisible();
  const form = grace.getByRole('region', { name: 'Draw a new round' });

  // Nothing chosen: the errors are listed at the top, in the title too.
  await form.getByRole('button', { name: 'Draw the sample' }).click();
  await expect(grace.locator('.error-summary')).toBeVisible();
  await expect(grace).toHaveTitle(/^Error: /);

  await form.getByLabel('Title', { exact: true }).fill(title);
  await fillDate(dateGroup(form, 'First day of the period'), organisationDay(-90));
  await fillDate(dateGroup(form, 'Last day of the period'), organisationDay(0));
  // One division, with every team below it.
  const units = form.getByLabel('Units to sample');
  const division = units.locator('option').filter({ hasText: /Community Services$/ });
  await expect(division).toHaveCount(1);
  await units.selectOption(await division.getAttribute('value'));
  await form.getByLabel('One-to-one clinical supervision').check();
  await form.getByLabel('How many records to draw').fill('2');
  await fillDate(dateGroup(form, 'Last day the records may be read for the audit'), organisationDay(14));
  await expectAccessible(grace, 'audits, draw form');
  await form.getByRole('button', { name: 'Draw the sample' }).click();

  await expect(grace.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(grace).toHaveURL(/\/audits\/[0-9a-f-]{36}$/);
  const drawn = grace.getByRole('region', { name: 'Records drawn' }).locator('.record-card');
  await expect(drawn).toHaveCount(2);
  await expect(drawn.first()).toContainText('To score');
  const roundPage = grace.url();

  // Home says what is left to score.
  await grace.goto('/');
  await expect(grace.getByRole('region', { name: 'Waiting for you' }).getByRole('link', { name: /records? to score in your open audit rounds/ }))
    .toHaveAttribute('href', '/audits');

  await grace.goto(roundPage);
  await grace.getByRole('link', { name: 'Score record 1' }).click();
  await expect(grace.getByRole('heading', { level: 1, name: 'Score record 1' })).toBeVisible();
  // No answer is chosen for the auditor; saving without answers lists them.
  await expect(grace.locator('input[type=radio]:checked')).toHaveCount(0);
  await grace.getByRole('button', { name: 'Save the scores' }).click();
  await expect(grace.locator('.error-summary li')).toHaveCount(10);
  await expect(grace).toHaveTitle(/^Error: /);
  await expectAccessible(grace, 'score a record, errors shown');

  const standards = grace.locator('.audit-standard');
  await expect(standards).toHaveCount(10);
  for (let i = 0; i < 10; i++) {
    const standard = standards.nth(i);
    const reflective = (await standard.locator('legend').textContent())!.startsWith('The reflective cycle');
    await standard.getByLabel(reflective ? 'Not met' : 'Met', { exact: true }).check();
    if (reflective) {
      await standard.getByLabel('What you saw').fill('Events are listed; no analysis or learning is recorded.');
    }
  }
  await grace.getByRole('button', { name: 'Save the scores' }).click();

  await expect(grace.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(drawn.first()).toContainText('Scored: 1 standards not fully met');
  const results = grace.getByRole('region', { name: 'Results' });
  await expect(results.locator('li').filter({ hasText: 'The reflective cycle' })).toContainText('Met 0, partly met 0, not met 1');
  await expect(results.locator('li').filter({ hasText: 'SMART' })).toContainText('Met 1, partly met 0, not met 0');
  // All standards together, and for the unit of each supervisee.
  await expect(results.locator('.audit-overall')).toHaveText('All standards: 90% met in full (9 of 10 where it applied).');
  const byUnit = results.locator('.audit-units li');
  expect(await byUnit.count()).toBeGreaterThan(0);
  for (const unit of await byUnit.all()) {
    await expect(unit).toContainText('1 record scored');
    await expect(unit).toContainText('90% met in full');
  }
  // The same figures as a spreadsheet, with nothing from the record in it.
  const saving = grace.waitForEvent('download');
  await results.getByRole('link', { name: 'Download the results (CSV)' }).click();
  const download = await saving;
  expect(download.suggestedFilename()).toMatch(/^audit-results-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = readFileSync(await download.path(), 'utf8').split('\r\n');
  expect(csv[0]).toBe('Part,Name,Records scored,Met,Partly met,Not met,Not applicable,Met in full (%)');
  expect(csv[1]).toBe(`Round,${title},1,9,0,1,0,90`);
  expect(csv.join('\n')).not.toContain('no analysis or learning');
  await expectAccessible(grace, 'audit round, results');

  // A finding becomes an action for someone in the session, with a date:
  // nothing is chosen for the auditor, and what is missing is listed first.
  await grace.getByRole('link', { name: 'Raise a finding on record 1' }).click();
  await expect(grace.getByRole('heading', { level: 1, name: 'Raise a finding on record 1' })).toBeVisible();
  await expect(grace.locator('input[type=radio]:checked')).toHaveCount(0);
  await grace.getByRole('button', { name: 'Raise the finding' }).click();
  await expect(grace.locator('.error-summary li')).toHaveCount(3);
  await expect(grace).toHaveTitle(/^Error: /);
  await expectAccessible(grace, 'raise a finding, errors shown');
  const finding = `Record the analysis and what was learned ${Date.now()}`;
  await grace.getByLabel('What should change').fill(finding);
  await grace.getByRole('group', { name: 'Who will do it' }).getByRole('radio', { name: /who recorded the session$/ }).check();
  await fillDate(dateGroup(grace, 'Due by'), organisationDay(14));
  await grace.getByRole('button', { name: 'Raise the finding' }).click();
  await expect(grace.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(grace.getByRole('status').filter({ hasText: 'The finding was raised as an action' })).toBeVisible();
  await expect(drawn.first().locator('.audit-findings')).toContainText(finding);
  // Said once: the address drops it, so a reload does not say it again.
  await expect(grace).toHaveURL(/\/audits\/[0-9a-f-]{36}$/);
  await grace.reload();
  await expect(grace.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(grace.getByText('Drawn by you.')).toBeVisible();
  await expect(grace.getByRole('status').filter({ hasText: 'The finding was raised as an action' })).toHaveCount(0);

  // The record drawn is open to the auditor for the audit.
  await grace.getByRole('link', { name: 'Read record 1' }).click();
  await expect(grace).toHaveURL(/\/supervisions\/[0-9a-f-]{36}$/);
  await expect(grace.locator('main')).not.toContainText('not found');
  // Whoever reads the record's content (its supervisor, its supervisees,
  // the auditor under the round's grant) reads what the audit found.
  const feedback = grace.getByRole('region', { name: 'Audit feedback' });
  await expect(feedback).toContainText(`Dip-sample audit: ${title}`);
  await expect(feedback).toContainText('Not met: The reflective cycle is evident');
  await expect(feedback).toContainText('no analysis or learning is recorded');
});
