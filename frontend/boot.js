// Starts the app: a file of its own, so the Content-Security-Policy allows
// only the app's own scripts (no inline script). Absolute paths: deep links
// such as /supervisions/{id} get the same index.html.
import init from '/app.js';
init({ module_or_path: '/app_bg.wasm' });

// The service worker keeps the app's shell so it opens without a signal
// (frontend/sw.js). Where it cannot run, the app works as before.
if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('/sw.js').catch(() => {});
}
