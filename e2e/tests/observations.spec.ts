// Issue 16 (F8.3): observation of a supervisor's practice. Helen Carter
// sees on My supervisees that observation of her report's practice is
// overdue, records one (errors first, GOV.UK style), the supervisor finds it
// waiting on their home page and signs it, and it then counts: the next is
// due a year on, and team compliance counts the supervisor as observed.
// Each viewport observes a different supervisor: on a phone Priya Shah,
// whom the demo never had observed (overdue); on a desktop Fatima Edwards,
// whatever the demo made of her.
import { test, expect } from '@playwright/test';
import { dateGroup, fillDate, longDate, organisationDay, personAt } from './helpers';
import { expectAccessible } from './axe';

test('a line manager observes a supervisor, who signs it, and it counts', async ({ browser, viewport }, testInfo) => {
  test.setTimeout(120_000);
  const supervisor = testInfo.project.name === 'phone' ? 'Priya Shah' : 'Fatima Edwards';
  const strengths = `Agreed an agenda first; used the reflective cycle on both cases (${testInfo.project.name} ${Date.now()})`;
  const helen = await personAt(browser, '/supervisees', 'Helen Carter', viewport);
  const card = helen.locator('.person-card').filter({ has: helen.getByRole('heading', { name: supervisor, exact: true }) });
  const neverObserved = supervisor === 'Priya Shah';
  await expect(card).toContainText(neverObserved ? /Observation of their practice: Overdue: due by/ : /Observation of their practice: (Overdue: )?[Dd]ue by/);
  await card.getByRole('link', { name: `Observation of ${supervisor}'s practice` }).click();
  await expect(helen.getByRole('heading', { level: 1, name: `Observation of ${supervisor}'s practice` })).toBeVisible();
  if (neverObserved) {
    await expect(helen.locator('.tag-overdue')).toContainText('Overdue');
    await expect(helen.getByText('Not yet observed.')).toBeVisible();
  }

  // Nothing given: every problem at the top and in the title, nothing saved.
  const form = helen.getByRole('region', { name: 'Record an observation' });
  await form.getByRole('button', { name: 'Record the observation' }).click();
  const summary = helen.locator('.error-summary');
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link')).toHaveText([
    'Enter the date of the session you observed.',
    'Write the strengths you saw.',
    'Write what they could develop.',
  ]);
  await expect(helen).toHaveTitle(/^Error: /);
  await expectAccessible(helen, 'observation form, errors shown');

  const observed = organisationDay(-1);
  await fillDate(dateGroup(form, 'Date of the session observed'), observed);
  await form.getByLabel('Strengths you saw').fill(strengths);
  await form.getByLabel('What they could develop').fill('Leave more time for analysis before agreeing actions');
  await form.getByRole('button', { name: 'Record the observation' }).click();
  await expect(helen.locator('#observation-status')).toContainText('waits for the supervisor');
  const item = helen.locator('.record-card').filter({ hasText: strengths });
  await expect(item).toContainText('Waiting for their signature');
  // Not signed by both yet: it does not count, so still overdue.
  if (neverObserved) {
    await expect(helen.locator('.tag-overdue')).toBeVisible();
  }

  // The supervisor finds it waiting on their home page, and signs it.
  const them = await personAt(browser, '/', supervisor, viewport);
  const waiting = them.getByRole('region', { name: 'Waiting for you', exact: true }).getByRole('link', { name: '1 observation of your practice to sign' });
  await waiting.click();
  await expect(them.getByRole('heading', { level: 1, name: 'Observation of my practice' })).toBeVisible();
  const mine = them.locator('.record-card').filter({ hasText: strengths });
  await expect(mine).toContainText('Helen Carter');
  await expectAccessible(them, 'observation of my practice, to sign');
  await mine.getByLabel('Your comment (optional)').fill('A fair account; I will book time for analysis');
  await mine.getByRole('button', { name: 'Sign the observation' }).click();
  await expect(them.locator('#observation-status')).toContainText('You have signed the observation.');
  await expect(mine).toContainText('A fair account; I will book time for analysis');
  await expect(mine.getByRole('button', { name: 'Sign the observation' })).toHaveCount(0);
  await them.goto('/');
  await expect(them.getByRole('link', { name: /observations? of your practice to sign/ })).toHaveCount(0);

  // Signed by both, it counts: the next is due a year after the session.
  await helen.reload();
  const nextYear = new Date(Date.UTC(observed.getUTCFullYear() + 1, observed.getUTCMonth(), observed.getUTCDate()));
  await expect(helen.locator('.tag-line')).toContainText(`Next due by ${longDate(nextYear)}`);
  await expect(helen.locator('.tag-overdue')).toHaveCount(0);
  await helen.goto('/supervisees');
  await expect(card).toContainText(`Observation of their practice: Due by ${longDate(nextYear)}`);

  // Team compliance counts supervisors observed, per unit.
  await helen.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Team compliance' }).click();
  await expect(helen.getByRole('columnheader', { name: 'Observed' })).toBeVisible();
  await expect(helen.getByRole('row').filter({ hasText: /^\s*All of/ })).toContainText(/\d+ of \d+ in date/);
  await expectAccessible(helen, 'team compliance with observations');

  await helen.context().close();
  await them.context().close();
});
