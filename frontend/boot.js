// Starts the app: a file of its own, so the Content-Security-Policy allows
// only the app's own scripts (no inline script). Absolute paths: deep links
// such as /supervisions/{id} get the same index.html.

// Each page's code is split off the main module (frontend/src/routes.rs) and
// would be fetched only once the main module has started and the router has
// chosen the page: one more round trip on a slow connection. So the files of
// the page opened are asked for now, alongside the main module. The build
// fills in which files each group of pages needs (scripts/build-frontend.sh).
const PAGE_FILES = /*PAGE_FILES*/{};

// The group of pages a path belongs to: the five #[lazy] functions of
// frontend/src/routes.rs. Kept in step with its routes by hand; a path put in
// the wrong group only fetches the wrong files early, the page still works.
function pageGroup(path) {
  if (path === '/') return 'home';
  if (path === '/signin') return 'sign_in';
  if (path === '/help') return 'help';
  if (/^\/(compliance|team\/compliance|organisation|units|removals|redactions|legal-holds|performance-records|policy|import|roles)\/?$/.test(path)) return 'service';
  return 'work';
}

// When the server drew the page into the shell (backend/src/web/first_page.rs)
// the person can read it before the app runs: the app's files wait until it
// is on screen, so on a slow connection they do not share it with the page's
// own stylesheet (that page's index.html names no preloads either). A
// timeout set in an animation frame runs once that frame is painted.
function preload(href, rel = 'preload') {
  const link = document.createElement('link');
  link.rel = rel;
  if (rel === 'preload') {
    link.as = 'fetch';
    link.crossOrigin = 'anonymous';
  }
  link.href = href;
  document.head.append(link);
}

if (document.getElementById('first-view')) {
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  // What index.html preloads for any other page.
  preload('/app.js', 'modulepreload');
  preload('/__wasm_split.js', 'modulepreload');
  preload('/app_bg.wasm');
}

for (const file of PAGE_FILES[pageGroup(location.pathname)] || []) {
  preload(`/${file}`);
}

const { default: init } = await import('/app.js');
await init({ module_or_path: '/app_bg.wasm' });

// The service worker keeps the app's shell so it opens without a signal
// (frontend/sw.js). Registered once the app has started, so keeping the
// shell never competes with the first page for the connection. Where it
// cannot run, the app works as before.
if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('/sw.js').catch(() => {});
}
