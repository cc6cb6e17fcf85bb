// Issue 17, findings 3 and 8: each role's home at phone size, saved as a
// screenshot (test-results/…/home-*.png), and what each is offered. Someone
// with no one over or under them (an auditor, an administrator) is neither
// offered recording, actions and cases nor told when "their" supervision is
// due; staff are.
import { test, expect } from '@playwright/test';
import { expectStep, personAt } from './helpers';

const PEOPLE: [string, string, boolean, boolean, string[]][] = [
  // name, role, whether supervision is their work (supervised, or
  // supervising someone), whether anyone supervises them, the sections
  // their home has that not every home has
  ['Tom Reed', 'staff', true, true, []],
  ['Priya Shah', 'supervisor', true, true, ['Supervision to arrange', 'Records I wrote for others']],
  ['Helen Carter', 'head-of-service', true, false, ['Waiting for you', 'My units', 'Supervision to arrange', 'Records I wrote for others']],
  ['Daniel Okoro', 'hr-administrator', false, false, ['Waiting for you']],
  ['Ruth Adeyemi', 'system-administrator', false, false, ['Waiting for you']],
  ['Grace Liu', 'auditor', false, false, ['Waiting for you']],
];
const ROLE_SECTIONS = ['Waiting for you', 'My units', 'Supervision to arrange', 'Records I wrote for others'];

test('each role\'s home offers that role\'s work, and is saved as a screenshot', async ({ browser, viewport }, testInfo) => {
  test.setTimeout(120_000);
  for (const [name, role, ownWork, supervised, sections] of PEOPLE) {
    const page = await personAt(browser, '/', name, viewport);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.locator('main .loading')).toHaveCount(0);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link', { name: 'Record supervision' }), `${name}: Record supervision`).toHaveCount(ownWork ? 1 : 0);
    await expect(nav.getByRole('link', { name: 'My actions' }), `${name}: My actions`).toHaveCount(ownWork ? 1 : 0);
    // Only someone supervised is told when their next supervision is due;
    // anyone else can still record their own, from their home.
    const due = page.getByRole('region', { name: 'When my next supervision is due' });
    await expect(due, `${name}: when due`).toHaveCount(supervised ? 1 : 0);
    if (!supervised) {
      await expect(page.locator('main')).not.toContainText('Never had one');
      await expect(page.getByRole('link', { name: 'Record your own supervision or a reflection' })).toHaveAttribute('href', '/record');
    }
    // Each home has the person's own work in it, and no one else's.
    await expect(page.getByRole('region', { name: 'Supervision I received' })).toBeVisible();
    for (const section of ROLE_SECTIONS) {
      await expect(page.getByRole('region', { name: section, exact: true }), `${name}: ${section}`).toHaveCount(sections.includes(section) ? 1 : 0);
    }
    await page.screenshot({ path: testInfo.outputPath(`home-${role}-${testInfo.project.name}.png`), fullPage: true });
    await page.context().close();
  }
});

test('the sign-in page has no wall of primary buttons, and at 1280 px the widest navigation is one line', async ({ page, browser }) => {
  await page.goto('/signin');
  const people = page.getByRole('button', { name: /^Sign in as / });
  await expect(people.first()).toBeVisible();
  expect(await people.count()).toBeGreaterThan(10);
  await expect(page.locator('main button.button:not(.button-secondary)')).toHaveCount(0);

  // A system administrator who also supervises has every link there is.
  const desk = { width: 1280, height: 800 };
  const helen = await personAt(browser, '/', 'Helen Carter', desk);
  const ruth = await personAt(browser, '/', 'Ruth Adeyemi', desk);
  for (const who of [helen, ruth]) {
    const tops = await who.getByRole('navigation', { name: 'Main' }).getByRole('listitem')
      .evaluateAll((items) => items.map((li) => Math.round(li.getBoundingClientRect().top)));
    expect(tops.length).toBeGreaterThan(2);
    expect(new Set(tops).size, `navigation rows: ${tops}`).toBe(1);
  }
});

test('a supervisor\'s home names who needs supervision, a head of service\'s their units, an administrator\'s the queue', async ({ browser, viewport }) => {
  // Priya: her own supervision apart from what she wrote for others, and
  // whom to supervise next, each with the way to record it.
  const priya = await personAt(browser, '/', 'Priya Shah', viewport);
  const received = priya.getByRole('region', { name: 'Supervision I received' });
  const wrote = priya.getByRole('region', { name: 'Records I wrote for others' });
  await expect(received.locator('.record-card').first()).toContainText('Recorded by');
  await expect(wrote.locator('.record-card').first()).toContainText('Supervisees');
  await expect(wrote).not.toContainText('Your validation');
  const toArrange = priya.getByRole('region', { name: 'Supervision to arrange' });
  await expect(toArrange).toContainText(/overdue|due by|No one you supervise/);
  const record = toArrange.getByRole('link', { name: /^Record supervision for / }).first();
  if (await record.count()) {
    const who = (await record.textContent())!.replace('Record supervision for ', '');
    await expect(toArrange.locator('.to-arrange-item').first().locator('.tag')).toHaveText(/Overdue|Due by|Never had one/);
    await record.click();
    await expectStep(priya, 'Who and how');
    await expect(priya.locator('main')).toContainText(who);
  }
  await priya.goto('/');
  await priya.getByRole('link', { name: /everyone you supervise/ }).click();
  await expect(priya.getByRole('heading', { level: 1, name: 'My supervisees' })).toBeVisible();

  // Helen: her units' figures as at today, each the way into its report.
  const helen = await personAt(browser, '/', 'Helen Carter', viewport);
  const units = helen.getByRole('region', { name: 'My units' });
  await expect(units.locator('.record-card').first()).toContainText('Clinical');
  await expect(units.locator('.record-card').first()).toContainText(/\d+%|No one|Not applicable/);
  await units.getByRole('link', { name: /^Team compliance for / }).first().click();
  await expect(helen).toHaveURL(/\/compliance\?unit=[0-9a-f-]{36}$/);
  await expect(helen.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(helen.getByRole('region', { name: 'Waiting for you' })).toHaveCount(0);
  await helen.goto('/');
  await expect(helen.getByRole('region', { name: 'Waiting for you' }).getByRole('link', { name: /policy rules? waiting for your approval/ }))
    .toHaveAttribute('href', '/policy');

  // Ruth: the requests to remove a record waiting for her.
  const ruth = await personAt(browser, '/', 'Ruth Adeyemi', viewport);
  const waiting = ruth.getByRole('region', { name: 'Waiting for you' });
  const queue = waiting.getByRole('link', { name: /to remove a record$/ });
  await expect(queue).toHaveAttribute('href', '/removals');
  // And the emails the mail server refused for good (none in the demo).
  await expect(waiting.getByRole('listitem').filter({ hasText: 'could not be delivered' })).toHaveText('No emails that could not be delivered');
  await queue.click();
  await expect(ruth.getByRole('heading', { level: 1 })).toContainText(/[Rr]emoval/);
});

test('an HR administrator\'s home counts the people no one is named to supervise, and each opens the page to name one', async ({ browser, viewport }) => {
  const daniel = await personAt(browser, '/', 'Daniel Okoro', viewport);
  const waiting = daniel.getByRole('region', { name: 'Waiting for you' });
  const queue = waiting.getByRole('link', { name: /^\d+ (person|people) without a line manager or clinical supervisor$/ });
  await expect(queue).toHaveAttribute('href', '/unallocated');
  const count = Number((await queue.textContent())!.split(' ')[0]);
  expect(count).toBeGreaterThan(0);
  await queue.click();
  await expect(daniel.getByRole('heading', { level: 1, name: 'People without a line manager or clinical supervisor' })).toBeVisible();
  // Ruth, the system administrator, has no one over her in the demo.
  const cards = daniel.locator('main .record-card');
  await expect(cards).toHaveCount(count);
  const ruth = cards.filter({ hasText: 'Ruth Adeyemi' });
  await expect(ruth).toContainText('No line manager or clinical supervisor');
  await expect(ruth).toContainText(/Started \d{1,2} \w+ \d{4}/);
  await ruth.getByRole('link', { name: 'Ruth Adeyemi' }).click();
  await expect(daniel).toHaveURL(/\/staff\/[0-9a-f-]{36}\?name=Ruth/);
  // Her page offers HR the change of line manager or clinical supervisor.
  await expect(daniel.getByRole('heading', { level: 1 })).toContainText('Ruth Adeyemi');
  await expect(daniel.getByRole('form', { name: 'Change line manager or clinical supervisor' })).toBeVisible();

  // Staff are told the page is not for them.
  const tom = await personAt(browser, '/unallocated', 'Tom Reed', viewport);
  await expect(tom.locator('main')).toContainText('This page is not available to you.');
});
