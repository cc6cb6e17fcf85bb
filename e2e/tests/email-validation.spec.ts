// F4.1 by email: a saved record sends each supervisee an email with a link to
// it (through the real SMTP server scripts/e2e.sh starts); following their
// link, one agrees and one disagrees with their own account, and the record
// shows both. F3.8: the supervisor attaches a PDF, which each supervisee
// downloads (always as a download); anyone else is told it does not exist.
import { test, expect, type APIResponse, type Page } from '@playwright/test';
import { chooseMode, continueTo, personAt, pickSupervisee, saveRecordFrom, signInAt } from './helpers';
import { recordLink, waitForMail } from './mail';

/** A small but real-looking PDF: the server decides the type from the first bytes. */
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/** The record's attachment called `fileName`, seen by `person` on the record page; returns its download address. */
async function seesAttachment(person: Page, fileName: string): Promise<string> {
  const attachments = person.getByRole('region', { name: 'Attachments' });
  const link = attachments.getByRole('link', { name: `Download ${fileName}` });
  await expect(link).toBeVisible();
  // `has` is looked for inside each item, so it starts from the page.
  const item = attachments.getByRole('listitem').filter({ has: person.getByRole('link', { name: `Download ${fileName}` }) });
  await expect(item).toContainText('PDF document');
  await expect(item).toContainText('Attached by Priya Shah');
  const href = await link.getAttribute('href');
  expect(href).toMatch(/^\/attachments\/[0-9a-f-]{36}$/);
  return href ?? '';
}

/** Downloads with `person`'s session. */
async function download(person: Page, href: string): Promise<APIResponse> {
  return person.request.get(new URL(href, person.url()).toString());
}

/** The download is the file, sent as an attachment and never to be rendered. */
async function isTheFileAsADownload(response: APIResponse): Promise<void> {
  expect(response.status()).toBe(200);
  expect(response.headers()['content-disposition']).toMatch(/^attachment;/);
  expect(response.headers()['content-type']).toBe('application/pdf');
  expect(response.headers()['x-content-type-options']).toBe('nosniff');
  expect((await response.body()).subarray(0, 8).toString()).toBe('%PDF-1.7');
}

const TOM = 'tom.reed@northfield.example';
const AISHA = 'aisha.khan@northfield.example';
const OWEN = 'owen.price@northfield.example';

test('each supervisee of a group session is emailed a link, and validates through it', async ({ page, browser, viewport }) => {
  // Three people sign in on a two-core machine, and the emails take a moment.
  test.setTimeout(180_000);
  const stamp = Date.now();
  const story = `Group session on caseload pressures ${stamp}`;
  const action = `Share the winter caseload plan with the team ${stamp}`;
  const account = `We also agreed to review lone working before the winter ${stamp}`;

  // Priya records a group session for three people, with an action.
  await signInAt(page, '/record', 'Priya Shah');
  await page.getByLabel('Kind of supervision').selectOption({ label: 'Peer/group clinical supervision' });
  await page.getByLabel('Approach').selectOption({ label: 'Structured reflection' });
  await chooseMode(page);
  await pickSupervisee(page, 'Tom', 'Tom Reed');
  await pickSupervisee(page, 'Aisha', 'Aisha Khan');
  await pickSupervisee(page, 'Owen', 'Owen Price');
  await continueTo(page, 'About the session');
  await page.getByRole('checkbox', { name: 'Supportive' }).check();
  await continueTo(page, 'What was discussed');
  await page.getByLabel('Experience').fill(story);
  await continueTo(page, 'Analysis and plan');
  await continueTo(page, 'Actions and cases');
  await page.getByRole('button', { name: 'Add action' }).click();
  await page.getByLabel('Description').fill(action);
  const recordPath = await saveRecordFrom(page, 'Actions and cases');
  await expect(page.getByText(story)).toBeVisible();

  // A page a browser would render is refused, whatever it is called, and
  // the server's reason is shown at the file input.
  const fileInput = page.getByLabel('Attach a document or photo');
  await fileInput.setInputFiles({ name: 'minutes.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<!doctype html><p>Minutes</p>') });
  await page.getByRole('button', { name: 'Upload' }).click();
  await expect(page.locator('#attachment-errors')).toBeFocused();
  await expect(page.locator('#attachment-file-error')).toContainText('This type of file cannot be attached.');
  await expect(fileInput).toHaveAttribute('aria-invalid', 'true');

  // Priya attaches a PDF to the record, from the file chooser.
  const fileName = `Lone working risk assessment ${stamp}.pdf`;
  await fileInput.setInputFiles({ name: fileName, mimeType: 'application/pdf', buffer: PDF });
  await page.getByRole('button', { name: 'Upload' }).click();
  await expect(page.getByRole('status').filter({ hasText: `${fileName} has been attached.` })).toBeVisible();
  const href = await seesAttachment(page, fileName);
  await isTheFileAsADownload(await download(page, href));

  // Each of the three is sent an email about this record, and only a link:
  // never what was discussed.
  const [tomMail, aishaMail, owenMail] = await Promise.all(
    [TOM, AISHA, OWEN].map((address) => waitForMail(address, recordPath, 60_000)),
  );
  for (const mail of [tomMail, aishaMail, owenMail]) {
    expect(mail.subject).toMatch(/^Please validate your supervision record/);
    expect(new URL(recordLink(mail)).pathname).toBe(recordPath);
    expect(mail.body).not.toContain(story);
    expect(mail.body).not.toContain(action);
  }
  expect(tomMail.body).toContain('Tom Reed');
  expect(aishaMail.body).toContain('Aisha Khan');

  // Tom signs in and follows the link in his email; he agrees.
  const tom = await personAt(browser, '/', 'Tom Reed', viewport);
  await tom.goto(recordLink(tomMail));
  await expect(tom).toHaveURL(new RegExp(`${recordPath}$`));
  await expect(tom.getByText(story)).toBeVisible();
  await isTheFileAsADownload(await download(tom, await seesAttachment(tom, fileName)));
  await tom.getByRole('radio', { name: 'I agree this is an accurate record' }).check();
  await tom.getByRole('button', { name: 'Submit validation' }).click();
  await expect(tom.getByRole('status').filter({ hasText: 'you agreed this is an accurate record' })).toBeVisible();

  // Aisha follows hers and disagrees, giving her own account.
  const aisha = await personAt(browser, '/', 'Aisha Khan', viewport);
  await aisha.goto(recordLink(aishaMail));
  await expect(aisha.getByText(story)).toBeVisible();
  await isTheFileAsADownload(await download(aisha, await seesAttachment(aisha, fileName)));
  await aisha.getByRole('radio', { name: 'I disagree' }).check();
  await aisha.getByLabel('Your comment').fill(account);
  await aisha.getByRole('button', { name: 'Submit validation' }).click();
  await expect(aisha.getByRole('status').filter({ hasText: 'you disagreed' })).toBeVisible();

  // The record shows both, to Priya and to each of them; Owen has yet to answer.
  await page.reload();
  const attendees = page.getByRole('region', { name: 'Supervisees', exact: true }).getByRole('listitem');
  await expect(attendees.filter({ hasText: 'Tom Reed' })).toContainText('Agreed');
  await expect(attendees.filter({ hasText: 'Aisha Khan' })).toContainText('Disagreed');
  await expect(attendees.filter({ hasText: 'Aisha Khan' })).toContainText(account);
  await expect(attendees.filter({ hasText: 'Owen Price' })).toContainText('Awaiting validation');
  await tom.reload();
  const seenByTom = tom.getByRole('region', { name: 'Supervisees', exact: true }).getByRole('listitem');
  await expect(seenByTom.filter({ hasText: 'Tom Reed' })).toContainText('Agreed');
  await expect(seenByTom.filter({ hasText: 'Aisha Khan' })).toContainText('Disagreed');

  // Owen, the third supervisee, sees and downloads it too.
  const owen = await personAt(browser, recordPath, 'Owen Price', viewport);
  await expect(owen.getByText(story)).toBeVisible();
  await isTheFileAsADownload(await download(owen, await seesAttachment(owen, fileName)));

  // Grace, in the same trust but not at the session, gets the same answer
  // as for a file that does not exist, with no bytes of it.
  const grace = await personAt(browser, '/', 'Grace Liu', viewport);
  const refused = await download(grace, href);
  expect(refused.status()).toBe(404);
  expect((await refused.body()).toString()).not.toContain('%PDF');
  for (const person of [tom, aisha, owen, grace]) await person.context().close();
});
