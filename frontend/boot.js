// Starts the app: a file of its own, so the Content-Security-Policy allows
// only the app's own scripts (no inline script). Absolute paths: deep links
// such as /supervisions/{id} get the same index.html.
import init from '/app.js';
init({ module_or_path: '/app_bg.wasm' });
