// Accessibility checks with axe-core (issue 13): each page is checked
// against the WCAG 2.0, 2.1 and 2.2 level A and AA rules axe can test
// automatically. Axe finds about a third of the problems a person would;
// the keyboard and reflow tests in accessibility.spec.ts cover some more.
import { type Page, expect, test } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

/** The WCAG 2.2 AA conformance target, as axe tags its rules. */
export const WCAG_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Waits for the page's h1 and for nothing on it still "Loading…". */
export async function expectLoaded(page: Page): Promise<void> {
  await expect(page.locator('main h1')).toBeVisible();
  await expect(page.getByText(/^Loading\b/)).toHaveCount(0);
}

/**
 * Runs axe on the page as it is now and fails (softly, so one run lists
 * every page's problems) on any serious or critical violation, naming the
 * rule, what it asks for and the elements that break it. `label` says which
 * page and state was checked, e.g. "record form, errors shown".
 */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  // Axe skips what is hidden, so closed <details> are opened for the check
  // (and closed again after it), or whatever they hold would never be seen.
  const opened = await page.evaluate(() => {
    const closed = [...document.querySelectorAll('details:not([open])')];
    closed.forEach((d, i) => { d.setAttribute('open', ''); d.setAttribute('data-axe-opened', String(i)); });
    return closed.length;
  });
  const results = await new AxeBuilder({ page }).withTags(WCAG_AA_TAGS).analyze();
  if (opened > 0) {
    await page.evaluate(() => document.querySelectorAll('details[data-axe-opened]').forEach((d) => {
      d.removeAttribute('open');
      d.removeAttribute('data-axe-opened');
    }));
  }
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = serious
    .map((v) => {
      const nodes = v.nodes.map((n) => `    ${n.target.join(' ')}\n      ${n.failureSummary?.replace(/\n/g, '\n      ') ?? ''}`);
      return `  ${v.id} (${v.impact}): ${v.help}\n  ${v.helpUrl}\n${nodes.join('\n')}`;
    })
    .join('\n');
  const lesser = results.violations.filter((v) => !serious.includes(v));
  // Kept as the test's annotations (the HTML and JSON reporters show them) for a person
  // to look at: lesser violations, and what axe could not decide alone,
  // such as the contrast of text inside the trend chart's image.
  const note = (type: string, found: typeof results.violations) => {
    if (found.length > 0) {
      test.info().annotations.push({
        type,
        description: `${label}: ${found.map((v) => `${v.id} (${v.impact}, ${v.nodes.map((n) => n.target.join(' ')).join('; ')})`).join(', ')}`,
      });
    }
  };
  note('axe: moderate or minor', lesser);
  note('axe: needs review', results.incomplete);
  expect.soft(serious.map((v) => v.id), `${label} (${page.url()}): serious or critical accessibility violations\n${report}`).toEqual([]);
}
