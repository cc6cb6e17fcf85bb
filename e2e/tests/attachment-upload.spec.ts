// F3.8 on a slow connection, as on a phone: a file of a couple of megabytes shows
// how far it has got (a labelled <progress> bar and the figures beside it),
// announces itself politely at each quarter rather than at every event, can
// be cancelled, and a refusal says why, whether the server explains itself
// in JSON or its body limit answers a bare 413.
import { test, expect, type Page } from '@playwright/test';
import { chooseMode, continueTo, pickSupervisee, saveRecordFrom, signInAt } from './helpers';

const MB = 1024 * 1024;
/**
 * A scanned document of a couple of megabytes. Not more: the server now
 * refuses any upload over 2 MB, whatever its 20 MB limit says (see the
 * test marked to fail below).
 */
const FILE_SIZE = Math.floor(1.9 * MB);

/** A real-looking PDF of exactly `size` bytes: the server decides the type from the first bytes. */
function pdfOf(size: number): Buffer {
  const head = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n');
  const tail = Buffer.from('\ntrailer << /Root 1 0 R >>\n%%EOF\n');
  // PDF comment lines, so the file stays a PDF however long it is.
  const body = Buffer.alloc(size - head.length - tail.length, '% padding\n');
  return Buffer.concat([head, body, tail]);
}

/** Priya records a one-to-one session with Tom Reed; the record page is open. */
async function recordASession(page: Page, story: string): Promise<void> {
  await signInAt(page, '/record', 'Priya Shah');
  await page.getByLabel('Approach').selectOption({ label: 'Structured reflection' });
  await chooseMode(page);
  await pickSupervisee(page, 'Tom', 'Tom Reed');
  await continueTo(page, 'About the session');
  await page.getByRole('checkbox', { name: 'Supportive' }).check();
  await continueTo(page, 'What was discussed');
  await page.getByLabel('Experience').fill(story);
  await continueTo(page, 'Analysis and plan');
  await saveRecordFrom(page, 'Analysis and plan');
  await expect(page.getByText(story)).toBeVisible();
}

/** Slows this page's uploads to `bytesPerSecond`, with Chromium's own network throttling. */
async function throttleUploads(page: Page, bytesPerSecond: number): Promise<() => Promise<void>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const conditions = { offline: false, latency: 0, downloadThroughput: -1 };
  await cdp.send('Network.emulateNetworkConditions', { ...conditions, uploadThroughput: bytesPerSecond });
  return async () => {
    await cdp.send('Network.emulateNetworkConditions', { ...conditions, uploadThroughput: -1 });
  };
}

/** Notes, from now on, every value the progress bar takes and every announcement of the upload's live region. */
async function watchTheUpload(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen = { values: [] as number[], said: [] as string[] };
    (window as unknown as { uploadSeen: typeof seen }).uploadSeen = seen;
    const note = () => {
      const bar = document.querySelector('progress#attachment-progress');
      const value = bar ? Number((bar as HTMLProgressElement).value) : undefined;
      if (value !== undefined && seen.values[seen.values.length - 1] !== value) seen.values.push(value);
      const said = document.querySelector('.upload-status')?.textContent?.trim() ?? '';
      if (said && seen.said[seen.said.length - 1] !== said) seen.said.push(said);
    };
    new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
}

async function whatWasSeen(page: Page): Promise<{ values: number[]; said: string[] }> {
  return page.evaluate(() => (window as unknown as { uploadSeen: { values: number[]; said: string[] } }).uploadSeen);
}

test('a file of a couple of megabytes shows its progress, then is listed', async ({ page }) => {
  const stamp = Date.now();
  await recordASession(page, `Winter pressures with an attached plan ${stamp}`);
  const fileName = `Winter caseload plan ${stamp}.pdf`;

  // About three seconds to send, as a phone on a weak signal might.
  const unthrottle = await throttleUploads(page, 640 * 1024);
  await watchTheUpload(page);
  await page.getByLabel('Attach a document or photo').setInputFiles({ name: fileName, mimeType: 'application/pdf', buffer: pdfOf(FILE_SIZE) });
  await page.getByRole('button', { name: 'Upload' }).click();

  const bar = page.getByRole('progressbar', { name: `Uploading ${fileName}` });
  await expect(bar).toBeVisible();
  // Upload gives way to Cancel, which takes the focus.
  await expect(page.getByRole('button', { name: 'Cancel upload' })).toBeFocused();
  await expect(page.getByRole('button', { name: 'Upload', exact: true })).toHaveCount(0);
  // Part of the way there, with the figures beside the bar.
  await expect.poll(async () => Number(await bar.getAttribute('value')), { timeout: 10_000 }).toBeGreaterThan(0);
  await expect(page.locator('#attachment-progress-figures')).toContainText(/\d+% sent, .* of 1\.9 MB/);

  // Done: the bar goes, the page says so, and the file is listed.
  await expect(page.getByRole('status').filter({ hasText: `${fileName} has been attached.` })).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('#record-status')).toBeFocused();
  await expect(bar).toHaveCount(0);
  await unthrottle();
  const attachments = page.getByRole('region', { name: 'Attachments' });
  const item = attachments.getByRole('listitem').filter({ has: page.getByRole('link', { name: `Download ${fileName}` }) });
  await expect(item).toContainText('PDF document, 1.9 MB');
  await expect(item).toContainText('Attached by Priya Shah');

  // The bar went up step by step to a hundred; the live region spoke at
  // the quarters only, not at every one of those steps.
  const seen = await whatWasSeen(page);
  expect(seen.values[seen.values.length - 1]).toBe(100);
  expect(seen.values.some((v) => v > 0 && v < 100)).toBeTruthy();
  expect([...seen.values].sort((a, b) => a - b)).toEqual(seen.values);
  expect(seen.said[0]).toBe(`Uploading ${fileName}.`);
  expect(seen.said).toContain(`${fileName} has been sent. Waiting for the server to store it.`);
  expect(seen.said.length).toBeLessThanOrEqual(5);
  expect(seen.said.length).toBeLessThan(seen.values.length);
});

test('an upload can be cancelled, and nothing is attached', async ({ page }) => {
  const stamp = Date.now();
  await recordASession(page, `A session whose upload was cancelled ${stamp}`);
  const fileName = `Scanned notes ${stamp}.pdf`;

  // Slow enough that it is still going when Cancel is pressed.
  const unthrottle = await throttleUploads(page, 128 * 1024);
  const fileInput = page.getByLabel('Attach a document or photo');
  await fileInput.setInputFiles({ name: fileName, mimeType: 'application/pdf', buffer: pdfOf(FILE_SIZE) });
  await page.getByRole('button', { name: 'Upload' }).click();
  const bar = page.getByRole('progressbar', { name: `Uploading ${fileName}` });
  await expect.poll(async () => Number(await bar.getAttribute('value')), { timeout: 10_000 }).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Cancel upload' }).click();

  await expect(page.getByRole('status').filter({ hasText: `You cancelled the upload of ${fileName}. Nothing has been attached.` })).toBeVisible();
  await expect(bar).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Upload', exact: true })).toBeEnabled();
  await expect(fileInput).toBeFocused();

  // The server stored nothing.
  await unthrottle();
  await page.reload();
  const attachments = page.getByRole('region', { name: 'Attachments' });
  await expect(attachments).toContainText('Nothing is attached to this record.');
  await expect(attachments.getByRole('link', { name: `Download ${fileName}` })).toHaveCount(0);
});

test('a refused upload says why, from the server\'s code or a bare 413', async ({ page }) => {
  const stamp = Date.now();
  await recordASession(page, `A session with files refused ${stamp}`);
  const fileInput = page.getByLabel('Attach a document or photo');

  // Over the server's limit (20 MB in the tests): its body limit answers 413.
  await fileInput.setInputFiles({ name: `Whole ward scan ${stamp}.pdf`, mimeType: 'application/pdf', buffer: pdfOf(21 * MB) });
  await page.getByRole('button', { name: 'Upload' }).click();
  await expect(page.locator('#attachment-errors')).toBeFocused({ timeout: 30_000 });
  await expect(page.locator('#attachment-file-error')).toContainText('The file is too large to attach.');
  await expect(fileInput).toHaveAttribute('aria-invalid', 'true');

  // A proxy in front of the server may refuse with a bare 413 and no body.
  const small = { name: `Minutes ${stamp}.pdf`, mimeType: 'application/pdf', buffer: pdfOf(64 * 1024) };
  await page.route('**/supervisions/*/attachments', (route) => route.fulfill({ status: 413, body: '' }));
  await fileInput.setInputFiles(small);
  await page.getByRole('button', { name: 'Upload' }).click();
  await expect(page.locator('#attachment-file-error')).toContainText('The file is too large to attach.');
  await page.unroute('**/supervisions/*/attachments');

  // A refusal with the server's stable code is put in words.
  await page.route('**/supervisions/*/attachments', (route) =>
    route.fulfill({ status: 403, contentType: 'application/json', body: JSON.stringify({ code: 'FORBIDDEN', message: 'forbidden', fields: [] }) }),
  );
  await page.getByRole('button', { name: 'Upload' }).click();
  await expect(page.locator('#attachment-errors')).toContainText(
    'Only the person who recorded the supervision and the people supervised can attach files to it.',
  );
  await page.unroute('**/supervisions/*/attachments');

  // And with the way clear, the same file is attached.
  await page.getByRole('button', { name: 'Upload' }).click();
  await expect(page.getByRole('status').filter({ hasText: `${small.name} has been attached.` })).toBeVisible();
  await expect(page.locator('#attachment-errors')).toBeHidden();
});

test('a photo of four megabytes, well within the 20 MB limit, is attached', async ({ page }) => {
  // axum's own 2 MB default once refused these (most phone photos).
  const stamp = Date.now();
  await recordASession(page, `A session with a photo of the whiteboard ${stamp}`);
  const fileName = `Whiteboard ${stamp}.pdf`;
  await page.getByLabel('Attach a document or photo').setInputFiles({ name: fileName, mimeType: 'application/pdf', buffer: pdfOf(4 * MB) });
  await page.getByRole('button', { name: 'Upload' }).click();
  await expect(page.getByRole('status').filter({ hasText: `${fileName} has been attached.` })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Attachments' }).getByRole('link', { name: `Download ${fileName}` })).toBeVisible();
});
