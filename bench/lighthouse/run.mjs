// Lighthouse (performance, accessibility) on the web app's search and detail pages, RUNS times each, in Debian's
// Chromium; prints each run's scores and the medians, and keeps each run's HTML report in REPORTS.
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { mkdirSync, writeFileSync } from 'node:fs';

const base = process.env.TABELOGO_BASE_URL ?? 'http://127.0.0.1:8000';
const runs = Number(process.env.RUNS ?? 3);
const reports = process.env.REPORTS ?? 'target';
const chromePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
mkdirSync(reports, { recursive: true });

// A detail page: the first place of a search, made a restaurant of ours by quick search.
const search = await fetch(`${base}/api/v1/map/advance_search`, {
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({
    text_query: 'ramen',
    max_result_count: 5,
    location_bias: { rectangle: { low: { latitude: 35.65, longitude: 139.69 }, high: { latitude: 35.71, longitude: 139.78 } } },
  }),
}).then((response) => response.json());
if (!search.places?.length) throw new Error(`no place to open: ${JSON.stringify(search)}`);
const placeId = search.places[0].id;
const restaurant = await fetch(`${base}/api/v1/restaurants/quick-search/${placeId}`).then((r) => r.json());
const pages = {
  search: `${base}/?q=ramen&bbox=139.69000,35.65000,139.78000,35.71000`,
  detail: `${base}/restaurants/${restaurant.restaurant.id}`,
};

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const results = {};
for (const [name, url] of Object.entries(pages)) {
  results[name] = { performance: [], accessibility: [] };
  for (let run = 1; run <= runs; run++) {
    const chrome = await chromeLauncher.launch({
      chromePath,
      chromeFlags: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      const { lhr, report } = await lighthouse(url, {
        port: chrome.port,
        output: 'html',
        onlyCategories: ['performance', 'accessibility'],
        logLevel: 'error',
      });
      const performance = Math.round(lhr.categories.performance.score * 100);
      const accessibility = Math.round(lhr.categories.accessibility.score * 100);
      results[name].performance.push(performance);
      results[name].accessibility.push(accessibility);
      writeFileSync(`${reports}/${name}-${run}.html`, report);
      const metric = (id) => lhr.audits[id]?.displayValue ?? '?';
      console.log(`${name} run ${run}: performance ${performance}, accessibility ${accessibility} `
        + `(FCP ${metric('first-contentful-paint')}, LCP ${metric('largest-contentful-paint')}, `
        + `TBT ${metric('total-blocking-time')}, CLS ${metric('cumulative-layout-shift')})`);
    } finally {
      await chrome.kill();
    }
  }
}
let failed = false;
for (const [name, scores] of Object.entries(results)) {
  const performance = median(scores.performance);
  const accessibility = median(scores.accessibility);
  console.log(`${name}: median performance ${performance}, accessibility ${accessibility} (target ≥ 90 each)`);
  failed ||= performance < 90 || accessibility < 90;
}
process.exit(failed ? 1 : 0);
