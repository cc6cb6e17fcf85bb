// F7.2, F7.3: a senior manager sees that a session took place but not what
// was discussed; an auditor opens the record for a stated purpose with a
// written reason, reads it, and the supervisee sees who opened it and why.
import { test, expect } from '@playwright/test';
import { chooseMode, continueTo, personAt, pickSupervisee, saveRecordFrom, signInAt } from './helpers';

test('an auditor opens a record for a stated purpose and the supervisee sees who, when and why', async ({ page, browser, viewport }) => {
  const story = `Reflection on a missed pressure-ulcer referral ${Date.now()}`;
  const reason = `Quarterly dip-sample of clinical supervision records ${Date.now()}`;

  await signInAt(page, '/record', 'Priya Shah');
  await page.getByLabel('Kind of supervision').selectOption({ label: 'One-to-one clinical supervision' });
  await page.getByLabel('Approach').selectOption({ label: 'Structured reflection' });
  await chooseMode(page);
  await pickSupervisee(page, 'Tom', 'Tom Reed');
  await continueTo(page, 'What was discussed');
  await page.getByLabel('Experience').fill(story);
  const recordPath = await saveRecordFrom(page);
  await expect(page.getByText(story)).toBeVisible();

  // Helen, senior manager over Priya's team, sees the outline and a plain sentence, not an error.
  const helen = await personAt(browser, recordPath, 'Helen Carter', viewport);
  await expect(helen.getByRole('heading', { level: 1, name: /One-to-one clinical supervision/ })).toBeVisible();
  await expect(helen.getByText('You can see that this session took place, but not what was discussed.')).toBeVisible();
  await expect(helen.getByText(story)).toHaveCount(0);
  await expect(helen.getByRole('alert').filter({ hasText: /permission|went wrong/ })).toHaveCount(0);
  await expect(helen.getByRole('heading', { name: 'Open this record for a stated purpose' })).toHaveCount(0);

  // Grace, the clinical audit lead, may not read it: the page is the
  // purpose form, offering only the purpose her role may state.
  const grace = await personAt(browser, recordPath, 'Grace Liu', viewport);
  await expect(grace.getByRole('heading', { level: 1, name: 'Open this record for a stated purpose' })).toBeVisible();
  await expect(grace).toHaveTitle(/Open this record for a stated purpose/);
  await expect(grace.getByLabel('Purpose', { exact: true }).locator('option')).toHaveText(['Choose a purpose', 'Audit / quality assurance']);
  await expect(grace.getByText(story)).toHaveCount(0);

  // A reason too short to say anything is caught before it is sent.
  await grace.getByLabel('Purpose', { exact: true }).selectOption({ label: 'Audit / quality assurance' });
  await grace.getByLabel('Reason', { exact: true }).fill('audit');
  await grace.getByRole('button', { name: 'Open record' }).click();
  await expect(grace.locator('.error-summary')).toContainText('at least 10 characters');

  await grace.getByLabel('Reason', { exact: true }).fill(reason);
  await grace.getByRole('button', { name: 'Open record' }).click();
  await expect(grace.getByRole('status').filter({ hasText: /Opened for Audit \/ quality assurance until \d\d:\d\d/ })).toBeVisible();
  await expect(grace.getByText(story)).toBeVisible();
  await expect(grace.getByText('You opened this record for a stated purpose. This access is logged and shown to the supervisee.')).toBeVisible();

  // Tom sees who opened his record, for what purpose and why.
  const tom = await personAt(browser, '/', 'Tom Reed', viewport);
  const opened = tom.getByRole('region', { name: 'Who has opened my records' });
  const entry = opened.getByRole('listitem').filter({ hasText: reason }).first();
  await expect(entry).toContainText('Grace Liu');
  await expect(entry).toContainText('Clinical Audit Lead');
  await expect(entry).toContainText('Audit / quality assurance');
  await expect(entry).toContainText(`“${reason}”`);
  await entry.getByRole('link', { name: /View record/ }).click();
  await expect(tom).toHaveURL(new RegExp(`${recordPath}$`));
  await expect(tom.getByText(story)).toBeVisible();
});

test('someone whose records nobody has opened is told so', async ({ page }) => {
  await signInAt(page, '/', 'Owen Price');
  const opened = page.getByRole('region', { name: 'Who has opened my records' });
  await expect(opened).toContainText('Nobody outside your supervision has opened your records.');
  await expect(page.getByRole('link', { name: /as data \(JSON\)/ })).toHaveAttribute('href', '/export/my-records.json');
  await expect(page.getByRole('link', { name: /printable \(HTML\)/ })).toHaveAttribute('href', '/export/my-records.html');
});
