// Issue 16 (F8.3): observation of a supervisor's practice. Helen Carter
// sees on My supervisees that observation of her report's practice is
// overdue, records one (errors first, GOV.UK style), the supervisor finds it
// waiting on their home page and signs it, and it then counts: the next is
// due a year on, and team compliance counts the supervisor as observed.
// Each viewport observes a different supervisor: on a phone Priya Shah,
// whom the demo never had observed (overdue); on a desktop Fatima Edwards,
// whatever the demo made of her.
import { test, expect } from '@playwright/test';
import { dateGroup, fillDate, graphql, isoDate, longDate, organisationDay, personAt } from './helpers';
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

// An observer who no longer oversees the supervisor still opens the page
// and reads what they wrote, with a notice saying why there is nothing
// more: not when the next is due, and no form. (It used to be an error
// page: the page asked for the standing too, which they may not read.)
// Each project loads its own people through the HR import, into a team no
// other spec counts.
test('an observer who has moved on reads the observation they wrote, and nothing more', async ({ browser, viewport }, testInfo) => {
  test.setTimeout(120_000);
  const stamp = `${Date.now()}`.slice(-7) + (testInfo.project.name === 'phone' ? 'p' : 'd');
  const team = 'Corporate Services / Quality and Governance / Clinical Governance Team';
  const start = isoDate(organisationDay(-400));
  const [mared, kit] = [`Mared Pryce${stamp}`, `Kit Ashby${stamp}`];
  const strengths = `Kept to the agenda (${stamp})`;

  const hr = await personAt(browser, '/', 'Daniel Okoro', viewport);
  const csv = [
    'Employee Number,First Name,Surname,Work Email,Job Title,Staff Group,Organisation,Start Date,Leaving Date,' +
      'Line Manager Employee Number,Clinical Supervisor Employee Number',
    `M${stamp},Mared,Pryce${stamp},mared.${stamp}@northfield.example,Team Leader,Governance,${team},${start},,,`,
    `K${stamp},Kit,Ashby${stamp},kit.${stamp}@northfield.example,Senior Facilitator,Governance,${team},${start},,M${stamp},`,
    `L${stamp},Lee,Moss${stamp},lee.${stamp}@northfield.example,Facilitator,Governance,${team},${start},,K${stamp},K${stamp}`,
    `N${stamp},Noor,Haddad${stamp},noor.${stamp}@northfield.example,Team Leader,Governance,${team},${start},,,`,
  ].join('\r\n');
  const imported = await hr.request.post('/import/staff?dryRun=false&full=false', {
    headers: { 'X-Requested-With': 'supervision', 'Content-Type': 'text/csv' },
    data: Buffer.from(`${csv}\r\n`),
  });
  expect(imported.ok()).toBeTruthy();
  expect((await imported.json()).errors).toEqual([]);
  const idOf = async (name: string): Promise<string> => {
    const found = await graphql<{ searchStaff: { id: string; name: string }[] }>(
      hr,
      'query Find($q: String!) { searchStaff(query: $q, limit: 5) { id name } }',
      { q: name },
    );
    const person = found.searchStaff.find((p) => p.name === name);
    expect(person, name).toBeTruthy();
    return person!.id;
  };
  const [maredId, kitId, noorId] = [await idOf(mared), await idOf(kit), await idOf(`Noor Haddad${stamp}`)];

  // Mared, Kit's line manager, records an observation of his practice.
  const context = await browser.newContext(viewport ? { viewport } : {});
  const page = await context.newPage();
  const signedIn = await page.request.post('/auth/dev/signin', {
    headers: { 'X-Requested-With': 'supervision' },
    data: { staffId: maredId },
  });
  expect(signedIn.status()).toBe(204);
  const kitsPage = `/observations/${kitId}?name=${encodeURIComponent(kit)}`;
  await page.goto(kitsPage);
  await expect(page.getByRole('heading', { level: 1, name: `Observation of ${kit}'s practice` })).toBeVisible();
  await expect(page.locator('.tag-line')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Record the observation' })).toBeVisible();
  await graphql(
    page,
    'mutation Record($o: PracticeObservationInput!) { recordPracticeObservation(observation: $o) { id } }',
    { o: { supervisorId: kitId, observedOn: isoDate(organisationDay(-1)), strengths, developmentPoints: 'Leave time for analysis' } },
  );

  // HR gives Kit a new line manager from today.
  await graphql(hr, 'mutation Change($i: ChangeAllocationInput!) { changeAllocation(input: $i) }', {
    i: { staffId: kitId, kind: 'LINE_MANAGER', toId: noorId, from: isoDate(organisationDay()) },
  });

  // Mared's page: her observation, the notice, no due date and no form.
  await page.goto(kitsPage);
  await expect(page.getByRole('heading', { level: 1, name: `Observation of ${kit}'s practice` })).toBeVisible();
  await expect(page.getByText('You no longer oversee them, so these are only the observations you wrote.')).toBeVisible();
  await expect(page.locator('.record-card').filter({ hasText: strengths })).toContainText(mared);
  await expect(page.locator('.tag-line')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Record the observation' })).toHaveCount(0);
  await expect(page.locator('.notice-error')).toHaveCount(0);
  await expectAccessible(page, 'observations written by someone who has moved on');

  await context.close();
  await hr.context().close();
});
