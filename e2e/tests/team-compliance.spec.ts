// F5.6: a senior manager sees how well supervised the staff of her
// division are, per kind, drills down to a team and back up, follows the
// 12-month trend (as a chart and as a table), sees how many records were
// shared late (F4.3) and how many open cases are overdue for discussion
// (F3.7), and downloads the report as CSV. Anyone else is told the report is not for them.
import { test, expect } from '@playwright/test';
import { browserDay, dateGroup, fillDate, isoDate, longDate, personAt } from './helpers';

test('a senior manager sees her division, drills down and back, and downloads the report', async ({ browser, viewport }) => {
  const helen = await personAt(browser, '/', 'Helen Carter', viewport);
  await helen.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Team compliance' }).click();
  await expect(helen).toHaveURL(/\/compliance$/);
  await expect(helen.getByRole('heading', { level: 1, name: 'Team compliance' })).toBeVisible();

  // The division as a whole: a percentage per kind and how many were counted.
  const division = helen.getByRole('region', { name: 'Community Services', exact: true });
  await expect(division.getByRole('heading', { level: 2, name: 'Community Services', exact: true })).toBeVisible();
  await expect(division).toContainText(/\d+ people counted/);
  await expect(division).toContainText(/Clinical\s*\d{1,3}% compliant/);
  await expect(division).toContainText(/Line management\s*\d{1,3}% compliant/);
  // Nobody in community services holds a caseload: case supervision is not
  // required of them, which is not the same as 0% compliant.
  await expect(division).toContainText(/Case\s*Not applicable/);


  // Drill down two levels; the address says where, and the breadcrumbs lead back.
  const units = helen.getByRole('table', { name: 'Units in Community Services' });
  await expect(units.getByRole('row')).toHaveCount(4);

  // Records shared late, for the division as a whole and each unit in it;
  // the column says what it counts, and on a phone the table scrolls in its
  // own box rather than the page.
  await expect(units.getByRole('columnheader', { name: 'Shared late' })).toBeVisible();
  await expect(units).toHaveAccessibleDescription(
    /Shared late: records shared more than 10 working days after the session, in the year to \d{1,2} [A-Z][a-z]+ \d{4}\./);
  const whole = units.getByRole('row', { name: /^All of Community Services/ });
  // The table says so too: people, clinical, management, case.
  await expect(whole.getByRole('cell').nth(3)).toHaveText('Not applicable');
  await expect(whole.getByRole('cell').nth(5)).toHaveText(/^\d{1,3}(\.\d)?% \(\d+ of \d+\)$/);
  // And its supervisors whose practice was observed within the year (F8.3).
  await expect(whole.getByRole('cell').nth(6)).toHaveText(/^\d+ of \d+ in date$/);
  // And its booked sessions called off in the year, and how many were
  // rearranged (F9.3).
  await expect(units.getByRole('columnheader', { name: 'Called off' })).toBeVisible();
  await expect(whole.getByRole('cell').last()).toHaveText(/^(\d+ of \d+ \(\d+ rearranged\)|None booked)$/);

  // Open cases overdue for discussion, likewise: the unit's own row counts
  // them out of its open cases, and the column says what it counts.
  await expect(units.getByRole('columnheader', { name: 'Cases overdue' })).toBeVisible();
  await expect(units).toHaveAccessibleDescription(
    /Cases overdue: open cases not discussed in supervision within 8 weeks, as at \d{1,2} [A-Z][a-z]+ \d{4}\./);
  await expect(whole.getByRole('cell').nth(4)).toHaveText(/^(\d+ of \d+ open|No open cases)$/);
  expect(await helen.evaluate(() => document.documentElement.scrollWidth))
    .toBeLessThanOrEqual(helen.viewportSize()?.width ?? 0);

  await units.getByRole('link', { name: 'Adult Community Nursing' }).click();
  await expect(helen).toHaveURL(/\/compliance\?unit=[0-9a-f-]{36}&trail=[0-9a-f-]{36}$/);
  await expect(helen.getByRole('heading', { level: 2, name: 'Adult Community Nursing', exact: true })).toBeVisible();
  await helen.getByRole('table', { name: 'Units in Adult Community Nursing' })
    .getByRole('link', { name: 'Community Nursing North' }).click();
  await expect(helen.getByRole('heading', { level: 2, name: 'Community Nursing North', exact: true })).toBeVisible();
  const crumbs = helen.getByRole('navigation', { name: 'Breadcrumb' });
  await expect(crumbs.getByRole('listitem')).toHaveText(['Community Services', 'Adult Community Nursing', 'Community Nursing North']);

  // The team's own people, each with a status per kind.
  const people = helen.getByRole('region', { name: 'People directly in Community Nursing North' });
  const tom = people.getByRole('listitem').filter({ has: helen.getByRole('heading', { level: 3, name: 'Tom Reed' }) });
  await expect(tom).toContainText(/Clinical:?\s*(Compliant|Due soon|Due by \d{1,2} \w+ \d{4}|Overdue|Never had one)/);
  await expect(tom).toContainText(/Line management:?\s*(Compliant|Due soon|Due by \d{1,2} \w+ \d{4}|Overdue|Never had one)/);

  // A bookmark of this place comes back to it, breadcrumbs and all.
  await helen.reload();
  await expect(helen.getByRole('heading', { level: 2, name: 'Community Nursing North', exact: true })).toBeVisible();
  await expect(crumbs.getByRole('listitem')).toHaveText(['Community Services', 'Adult Community Nursing', 'Community Nursing North']);
  await crumbs.getByRole('link', { name: 'Community Services' }).click();
  await expect(helen.getByRole('heading', { level: 2, name: 'Community Services', exact: true })).toBeVisible();
  await expect(crumbs).toHaveCount(0);
  await expect(helen.getByRole('heading', { level: 1, name: 'Team compliance' })).toBeFocused();

  // The trend: a chart with a text alternative, and the same numbers as a table.
  const chart = helen.getByRole('img', { name: /^Compliance trend for Community Services, [A-Z][a-z]+ \d{4} to [A-Z][a-z]+ \d{4}$/ });
  await expect(chart).toBeVisible();
  const width = helen.viewportSize()?.width ?? 0;
  const box = await chart.boundingBox();
  expect((box?.x ?? 0) + (box?.width ?? Infinity)).toBeLessThanOrEqual(width);
  await helen.getByText('Trend as a table').click();
  const trendTable = helen.getByRole('table', { name: 'Per cent compliant at each month-end, Community Services' });
  await expect(trendTable.getByRole('row')).toHaveCount(13);
  await expect(trendTable.getByRole('columnheader')).toHaveText(['Month end', 'People', 'Clinical', /^Line manage\u00adment$/, 'Case']);

  // Another date: the end of last month.
  const today = await browserDay(helen);
  const lastMonthEnd = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 0));
  await fillDate(dateGroup(helen, 'As at'), lastMonthEnd);
  await helen.getByRole('button', { name: 'Show report' }).click();
  await expect(helen).toHaveURL(new RegExp(`asAt=${isoDate(lastMonthEnd)}`));
  await expect(division).toContainText(`As at ${longDate(lastMonthEnd)}`);

  // The CSV download is the same report, one row per person.
  const csvLink = helen.getByRole('link', { name: /^Download CSV/ });
  const href = await csvLink.getAttribute('href');
  expect(href).toMatch(new RegExp(`^/reports/compliance\\.csv\\?unit=[0-9a-f-]{36}&asAt=${isoDate(lastMonthEnd)}$`));
  const csv = await helen.request.get(new URL(href ?? '', helen.url()).toString());
  expect(csv.status()).toBe(200);
  expect(csv.headers()['content-type']).toContain('text/csv');
  expect(csv.headers()['content-disposition']).toContain('attachment');
  const lines = (await csv.text()).split('\r\n');
  expect(lines[0].startsWith('Name,Employee number')).toBe(true);
  expect(lines.some(line => line.startsWith('Tom Reed,'))).toBe(true);
});

test('the report is not offered to staff, and says so if they go there', async ({ browser, viewport }) => {
  const tom = await personAt(browser, '/', 'Tom Reed', viewport);
  await expect(tom.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My actions' })).toBeVisible();
  await expect(tom.getByRole('link', { name: 'Team compliance' })).toHaveCount(0);
  await tom.goto('/compliance');
  await expect(tom.getByRole('heading', { level: 1, name: 'Team compliance' })).toBeVisible();
  await expect(tom.getByText('Team compliance is not available to you.')).toBeVisible();
  await expect(tom.getByRole('table')).toHaveCount(0);
});

test('on a phone: the heading names the unit, breadcrumbs come first, the table says it scrolls, the chart is legible', async ({ browser }) => {
  const phone = { width: 375, height: 812 };
  const helen = await personAt(browser, '/compliance', 'Helen Carter', phone);
  await expect(helen.getByRole('heading', { level: 1, name: 'Team compliance: Community Services', exact: true })).toBeVisible();
  await expect(helen).toHaveTitle(/^Team compliance: Community Services/);
  const units = helen.getByRole('table', { name: 'Units in Community Services' });
  await units.getByRole('link', { name: 'Adult Community Nursing' }).click();
  const heading = helen.getByRole('heading', { level: 1, name: 'Team compliance: Adult Community Nursing', exact: true });
  await expect(heading).toBeVisible();

  // The way back up is above the heading and the date form.
  const crumbs = helen.getByRole('navigation', { name: 'Breadcrumb' });
  const above = async (a: string, b: string) => helen.evaluate(([first, second]) => {
    const x = document.querySelector(first)!;
    const y = document.querySelector(second)!;
    return Boolean(x.compareDocumentPosition(y) & Node.DOCUMENT_POSITION_FOLLOWING);
  }, [a, b]);
  await expect(crumbs).toBeVisible();
  expect(await above('nav.breadcrumbs', 'main h1')).toBe(true);
  expect(await above('nav.breadcrumbs', '#report-as-at')).toBe(true);

  // The units table is wider than the phone: it scrolls in its own box,
  // which the keyboard reaches, and the page says so.
  const box = helen.locator('.table-scroll').filter({ has: helen.getByRole('table', { name: 'Units in Adult Community Nursing' }) });
  expect(await box.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  await expect(box).toHaveAttribute('tabindex', '0');
  await expect(helen.getByText('Scroll the table sideways to see every column.')).toBeVisible();
  expect(await helen.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);

  // The chart's labels are at least 14 px tall as drawn.
  const label = helen.locator('.trend-axis').first();
  await expect(label).toBeVisible();
  const size = await label.evaluate((el) => {
    const svg = el.closest('svg')!;
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    return parseFloat(getComputedStyle(el).fontSize) * scale;
  });
  expect(size).toBeGreaterThanOrEqual(14);
});
