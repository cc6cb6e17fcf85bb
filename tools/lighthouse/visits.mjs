// Loads a page twice in one browser profile (Debian's Chromium, through
// puppeteer-core) and prints, as JSON, the bytes sent over the network for
// each load: the sum of each response's encoded length (compressed body and
// headers, as the browser counted it), so files served from the browser's
// cache count nothing and a 304 counts only its headers.
//
//   node visits.mjs URL [COOKIE]
//
// COOKIE ("name=value") is sent as a cookie for the page's origin, to load a
// page signed in.
import puppeteer from 'puppeteer-core';

const [url, cookie] = process.argv.slice(2);
if (!url) {
  console.error('usage: node visits.mjs URL [COOKIE]');
  process.exit(2);
}

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  // Without these Chromium tries to reach the internet and stalls; as root
  // it also needs --no-sandbox (see e2e/playwright.config.ts).
  args: [
    '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
  ],
});
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 412, height: 823, isMobile: true, hasTouch: true });
  if (cookie) {
    const at = cookie.indexOf('=');
    await page.setCookie({ name: cookie.slice(0, at), value: cookie.slice(at + 1), url });
  }
  const cdp = await page.createCDPSession();
  await cdp.send('Network.enable');
  let bytes = 0;
  let requests = 0;
  // Answered without the network: the browser's cache, or a service worker.
  const local = new Set();
  cdp.on('Network.responseReceived', ({ requestId, response }) => {
    if (response.fromDiskCache || response.fromServiceWorker || response.fromPrefetchCache) local.add(requestId);
  });
  cdp.on('Network.requestServedFromCache', ({ requestId }) => local.add(requestId));
  cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => {
    if (local.has(requestId)) return;
    bytes += encodedDataLength;
    requests += 1;
  });
  const load = async () => {
    bytes = 0;
    requests = 0;
    await page.goto(url, { waitUntil: 'networkidle0', timeout: 60_000 });
    return { bytes, requests };
  };
  const first = await load();
  const repeat = await load();
  console.log(JSON.stringify({ first, repeat }));
} finally {
  await browser.close();
}
