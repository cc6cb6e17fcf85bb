// Issue 16 (F8.1): an auditor, at phone size, draws a dip-sample round,
// scores a record against the audit tool (errors first, GOV.UK style), and
// the round's results count the scores; the auditor's home says how many
// records are left to score. The auditor reads the record drawn, and nothing
// else is opened to them.
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
  await expectAccessible(grace, 'audit round, results');

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
