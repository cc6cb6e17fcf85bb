// Issue 16 (F8.2): the annual supervision questionnaire. A supervisee finds
// it on their home page and answers it on a phone (errors first, GOV.UK
// style), once; its results are only ever added up, for groups the server
// allows, and a group small enough to tell people apart says why it is not
// shown. The demo's 2026 questionnaire is open (the featured people have
// not answered it); its 2025 one is closed. Each viewport answers as a
// different person: Tom Reed on a phone, Aisha Khan on a desktop.
import { test, expect, type Page } from '@playwright/test';
import { personAt } from './helpers';
import { expectAccessible, expectLoaded } from './axe';

const QUESTIONS = [
  '1. How often have you had supervision in the last year?',
  '2. Supervision gives me time to reflect on my practice.',
  '3. Actions agreed in supervision are followed up.',
  '4. My wellbeing and workload are talked about in supervision.',
  '5. Overall, how would you rate the supervision you receive?',
];

test('a supervisee answers the questionnaire, once, and nobody sees it by name', async ({ browser, viewport }, testInfo) => {
  test.setTimeout(90_000);
  const person = testInfo.project.name === 'phone' ? 'Tom Reed' : 'Aisha Khan';
  const page = await personAt(browser, '/', person, viewport);
  const waiting = page.getByRole('region', { name: 'Tell us about your supervision' });
  await expect(waiting).toContainText(/Anonymous, a few minutes\. Closes on \d+ \w+ \d{4}\./);
  await waiting.getByRole('link', { name: 'Answer Supervision questionnaire 2026' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Supervision questionnaire 2026' })).toBeVisible();
  const address = page.url();
  await expect(page.getByText(/Your answers are anonymous: nobody, your supervisor included, sees what you said/)).toBeVisible();
  await expectAccessible(page, 'questionnaire');

  // Nothing chosen: each question at the top, named by its number.
  await page.getByRole('button', { name: 'Send my answers' }).click();
  const summary = page.locator('.error-summary');
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link')).toHaveText([1, 2, 3, 4, 5].map((n) => `Choose an answer to question ${n}.`));
  await expect(page).toHaveTitle(/^Error: /);
  await expectAccessible(page, 'questionnaire, errors shown');
  await summary.getByRole('link', { name: 'Choose an answer to question 3.' }).click();
  await expect(page.locator('#answers-q3')).toBeFocused();

  const choose = (question: string, option: string) =>
    page.getByRole('group', { name: question }).getByLabel(option, { exact: true }).check();
  await choose(QUESTIONS[0], 'Most of the times it was due');
  await choose(QUESTIONS[1], 'Agree');
  await choose(QUESTIONS[2], 'Strongly agree');
  // Answered, this one's error goes once the form is sent again.
  await choose(QUESTIONS[3], 'Neither agree nor disagree');
  await page.getByRole('button', { name: 'Send my answers' }).click();
  await expect(summary.getByRole('link')).toHaveText(['Choose an answer to question 5.']);
  await choose(QUESTIONS[4], 'Good');
  await page.getByLabel('6. Is there anything else you would like to say about your supervision?').fill('More time for reflection, please');
  await page.getByRole('button', { name: 'Send my answers' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Thank you' })).toBeFocused();
  await expect(page.locator('.notice-success')).toContainText('Nobody will see them by name');
  await expectAccessible(page, 'questionnaire sent');

  // Once only: it has gone from the home page, and its link says so.
  await page.goto('/');
  await expectLoaded(page);
  await expect(page.getByRole('region', { name: 'Tell us about your supervision' })).toHaveCount(0);
  await page.goto(address);
  await expect(page.getByText('There is nothing for you to answer here')).toBeVisible();
});

/** Opens the 2025 results from the questionnaire page. */
async function openResults(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: 'Supervision questionnaire' })).toBeVisible();
  await page.getByRole('link', { name: 'Results of Supervision questionnaire 2025' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Supervision questionnaire 2025: results' })).toBeVisible();
}

/** Chooses a unit and a supervisor ('' for every one) and shows them. */
async function showGroup(page: Page, unit: string, supervisor: string): Promise<void> {
  for (const [id, name] of [['#results-unit', unit], ['#results-supervisor', supervisor]]) {
    const label = name === ''
      ? (id === '#results-unit' ? 'Every unit' : 'Every supervisor')
      : (await page.locator(`${id} option`, { hasText: name }).textContent()) ?? name;
    await page.locator(id).selectOption({ label });
  }
  await page.getByRole('button', { name: 'Show these results' }).click();
}

test('results are only added up, and a group that would single people out is not shown', async ({ browser, viewport }) => {
  test.setTimeout(120_000);
  // An auditor reads everyone's totals; the 2026 one is still open.
  const grace = await personAt(browser, '/', 'Grace Liu', viewport);
  await grace.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Questionnaire' }).click();
  await expect(grace.getByText(/^\d+ of \d+ answered$/).first()).toBeVisible();
  await expect(grace.getByRole('button', { name: 'Close it now Supervision questionnaire 2026' })).toBeVisible();
  await openResults(grace);
  await expect(grace.getByRole('heading', { level: 2, name: /^Everyone: \d+ answered$/ })).toBeVisible();
  const overall = grace.getByRole('table', { name: 'Overall, how would you rate the supervision you receive?' });
  await expect(overall.getByRole('row')).toHaveCount(6);
  await expect(overall.getByRole('rowheader', { name: 'Excellent' })).toBeVisible();
  await expect(grace.getByText(/wrote something; shown in alphabetical order/)).toBeVisible();
  await expectAccessible(grace, 'questionnaire results, everyone');

  // A head of service, from team compliance: a team in her scope, then
  // that team with a supervisor from another team, which would single
  // nobody out and so is no group at all.
  const helen = await personAt(browser, '/compliance', 'Helen Carter', viewport);
  await helen.getByRole('link', { name: /What staff say about their supervision/ }).click();
  await openResults(helen);
  await showGroup(helen, 'Physiotherapy', '');
  await expect(helen.getByRole('heading', { level: 2, name: /^Everyone in Physiotherapy: \d+ answered$/ })).toBeVisible();
  await expect(helen).toHaveURL(/unit=/);
  await showGroup(helen, 'Physiotherapy', 'Oliver Begum');
  await expect(helen.getByRole('heading', { level: 2, name: 'Those in Physiotherapy supervised by Oliver Begum' })).toBeVisible();
  await expect(helen.getByText(/^Not shown: fewer than 5 people answered in this group/)).toBeVisible();
  await expect(helen.getByRole('table')).toHaveCount(0);
  await expectAccessible(helen, 'questionnaire results, not shown');

  // A team leader's own supervisees: her team less them is her own answer,
  // so theirs is not shown.
  const priya = await personAt(browser, '/supervisees', 'Priya Shah', viewport);
  await priya.getByRole('link', { name: /What your supervisees say about their supervision/ }).click();
  await openResults(priya);
  await expect(priya.getByRole('heading', { level: 2, name: 'Those supervised by you' })).toBeVisible();
  await expect(priya.getByText(/^Not shown:/)).toBeVisible();
  // Nor does she get anyone else's.
  await expect(priya.locator('#results-unit')).toHaveCount(0);
});
