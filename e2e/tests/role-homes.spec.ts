// Issue 17, findings 3 and 8: each role's home at phone size, saved as a
// screenshot (test-results/…/home-*.png), and what each is offered. Someone
// with no one over or under them (an auditor, an administrator) is neither
// offered recording, actions and cases nor told when "their" supervision is
// due; staff are.
import { test, expect } from '@playwright/test';
import { personAt } from './helpers';

const PEOPLE: [string, string, boolean, boolean][] = [
  // name, role, whether supervision is their work (supervised, or
  // supervising someone), whether anyone supervises them
  ['Tom Reed', 'staff', true, true],
  ['Priya Shah', 'supervisor', true, true],
  ['Helen Carter', 'head-of-service', true, false],
  ['Daniel Okoro', 'hr-administrator', false, false],
  ['Ruth Adeyemi', 'system-administrator', false, false],
  ['Grace Liu', 'auditor', false, false],
];

test('each role\'s home offers that role\'s work, and is saved as a screenshot', async ({ browser, viewport }, testInfo) => {
  test.setTimeout(120_000);
  for (const [name, role, ownWork, supervised] of PEOPLE) {
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
