// The service worker: keeps the app's shell (the page and its hashed
// files) so the app opens without a signal and says it is offline. It
// never keeps anything the API answers: supervision content is not cached
// on the device, for anyone, signed in or not. The build writes the shell's
// list and its version below (scripts/build-frontend.sh).
const SHELL = [/*SHELL*/];
const VERSION = '/*VERSION*/';
const CACHE = `shell-${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()),
  );
});

// A new build's worker drops the old build's files.
self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('shell-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  // A page (any deep link is the same page): the network first, so a
  // signed-out or changed answer is never replaced by an old one; the kept
  // page only when there is no network at all. The kept page is
  // /index.html, the shell as built: `/` may carry the signed-in person's
  // waiting records, drawn in by the server (backend/src/web/first_page.rs).
  if (request.mode === 'navigate') {
    event.respondWith(fetch(request).catch(() => caches.match('/index.html', { cacheName: CACHE })));
    return;
  }
  // The page's own files are named by their content: a kept one is right.
  if (SHELL.includes(url.pathname)) {
    event.respondWith(caches.match(url.pathname, { cacheName: CACHE }).then((kept) => kept || fetch(request)));
  }
  // Everything else (the API, sign-in, downloads) goes to the network only.
});
