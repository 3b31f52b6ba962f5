#!/usr/bin/env node
// The user journey through one base URL (an Ingress, a staging host, ./tabelogo up), as a deploy's last check:
// the web app, an account, a place search, the place as a restaurant, a favourite, a Tabelog scrape followed live,
// the rating on the restaurant, a bad request answered as a problem, and the session ended.
//
//   node deploy/smoke-test.mjs <base-url> [--wait <s>] [--timeout <s>] [--skip-scrape]
//
// --wait: how long the platform may take to answer at all (a rollout finishing; default 120 s). --timeout: the limit
// for each step, the scrape included (default 60 s). --skip-scrape: for an environment that cannot reach Tabelog.
// SMOKE_EMAIL and SMOKE_PASSWORD: log in to that account instead of registering a new one on every run.
// Node.js 20 or newer, nothing to install. Exit status: 0 all steps passed, 1 a step failed (it says which and
// what it got), 2 bad arguments.

const USAGE = 'usage: node deploy/smoke-test.mjs <base-url> [--wait <seconds>] [--timeout <seconds>] [--skip-scrape]';

function parseArguments(args) {
  const options = { wait: 120, timeout: 60, scrape: true };
  const rest = [...args];
  while (rest.length > 0) {
    const arg = rest.shift();
    if (arg === '--skip-scrape') {
      options.scrape = false;
    } else if (arg === '--wait' || arg === '--timeout') {
      const seconds = Number(rest.shift());
      if (!Number.isFinite(seconds) || seconds <= 0) {
        throw new Error(`${arg} needs a number of seconds`);
      }
      options[arg.slice(2)] = seconds;
    } else if (!arg.startsWith('--') && options.base === undefined) {
      let url;
      try {
        url = new URL(arg);
      } catch {
        throw new Error(`not a URL: ${arg}`);
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw new Error(`not an http(s) URL: ${arg}`);
      }
      options.base = url.href.replace(/\/$/, '');
    } else {
      throw new Error(`unexpected argument: ${arg}`);
    }
  }
  if (options.base === undefined) {
    throw new Error('the base URL is missing');
  }
  return options;
}

class StepFailed extends Error {}

/** A step's expectation: fails the step with what was expected and what came. */
function expect(condition, message) {
  if (!condition) {
    throw new StepFailed(message);
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function client(options) {
  async function call(method, path, { body, token, headers = {}, signal } = {}) {
    const response = await fetch(options.base + path, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      signal: signal ?? AbortSignal.timeout(options.timeout * 1000),
      redirect: 'manual',
    });
    return response;
  }

  /** A JSON answer with the expected status; a 429 is waited out as its Retry-After asks (within the step's time). */
  async function json(method, path, expectedStatus, init = {}) {
    const deadline = Date.now() + options.timeout * 1000;
    for (;;) {
      const response = await call(method, path, init);
      const text = await response.text();
      if (response.status === 429 && Date.now() < deadline) {
        const seconds = Number(response.headers.get('retry-after')) || 5;
        await sleep(Math.min(seconds * 1000, Math.max(0, deadline - Date.now())));
        continue;
      }
      const expected = [expectedStatus].flat();
      expect(expected.includes(response.status),
        `${method} ${path}: expected ${expected.join(' or ')}, got ${response.status} ${text.slice(0, 300)}`);
      return { status: response.status, headers: response.headers, body: text === '' ? null : JSON.parse(text) };
    }
  }

  return { call, json };
}

/** Reads a Server-Sent Events stream until an event named one of `last`; returns the event names seen. */
async function followEvents(response, last, signal) {
  const decoder = new TextDecoder();
  const events = [];
  let buffered = '';
  for await (const chunk of response.body) {
    buffered += decoder.decode(chunk, { stream: true });
    let newline;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, newline).trim();
      buffered = buffered.slice(newline + 1);
      if (line.startsWith('event:')) {
        const name = line.slice('event:'.length).trim();
        events.push(name);
        if (last.includes(name)) {
          return events;
        }
      }
    }
    if (signal.aborted) {
      break;
    }
  }
  return events;
}

async function main() {
  let options;
  try {
    options = parseArguments(process.argv.slice(2));
  } catch (error) {
    console.error(`smoke-test: ${error.message}\n${USAGE}`);
    return 2;
  }
  const { call, json } = client(options);
  const state = {};
  const steps = [
    ['the platform answers', async () => {
      const deadline = Date.now() + options.wait * 1000;
      let last = 'no answer';
      while (Date.now() < deadline) {
        try {
          const response = await call('GET', '/', { signal: AbortSignal.timeout(5000) });
          if (response.status === 200) {
            return;
          }
          last = `HTTP ${response.status}`;
        } catch (error) {
          last = error.cause?.code ?? error.cause?.message ?? error.message;
        }
        await sleep(2000);
      }
      throw new StepFailed(`no answer from ${options.base} within ${options.wait} s (last: ${last})`);
    }],
    ['the web app loads', async () => {
      const page = await call('GET', '/');
      const html = await page.text();
      expect(page.status === 200 && (page.headers.get('content-type') ?? '').startsWith('text/html'),
        `GET /: expected an HTML page, got ${page.status} ${page.headers.get('content-type')}`);
      const script = html.match(/<script[^>]+src="([^"]+)"/);
      expect(script, 'GET /: the page loads no script');
      const asset = await call('GET', new URL(script[1], options.base + '/').pathname);
      await asset.arrayBuffer();
      expect(asset.status === 200, `GET ${script[1]}: expected 200, got ${asset.status}`);
    }],
    ['an account logs in', async () => {
      let email = process.env.SMOKE_EMAIL;
      let password = process.env.SMOKE_PASSWORD;
      if (!email || !password) {
        email = `smoke-${crypto.randomUUID()}@example.com`;
        password = `Smoke-${crypto.randomUUID()}`;
        await json('POST', '/api/v1/auth/register', 201, { body: { email, password, username: 'smoke-test' } });
      }
      const login = await json('POST', '/api/v1/auth/login', 200, { body: { email, password } });
      expect(typeof login.body?.access_token === 'string', 'login: no access_token in the answer');
      state.token = login.body.access_token;
    }],
    ['a place search finds ramen near Shibuya', async () => {
      const places = await json('POST', '/api/v1/map/advance_search', 200, {
        body: {
          text_query: 'ramen',
          location_bias: { rectangle: { low: { latitude: 35.64, longitude: 139.68 },
            high: { latitude: 35.68, longitude: 139.72 } } },
          max_result_count: 5,
        },
      });
      expect(places.body?.places?.length > 0, 'advance_search: no places');
      state.place = places.body.places[0];
    }],
    ['the place opens as a restaurant', async () => {
      const quick = await json('GET', `/api/v1/restaurants/quick-search/${encodeURIComponent(state.place.id)}`, 200);
      state.restaurantId = quick.body?.restaurant?.id;
      expect(state.restaurantId, 'quick-search: no restaurant id');
      const detail = await json('GET', `/api/v1/restaurants/${state.restaurantId}`, 200);
      expect(detail.body?.restaurant?.id === state.restaurantId, 'GET restaurant: another restaurant came back');
    }],
    ['a favourite is saved, listed and removed', async () => {
      const path = `/api/v1/me/favorites/${state.restaurantId}`;
      await json('PUT', path, [200, 201], { body: { notes: 'smoke test' }, token: state.token });
      const listed = await json('GET', '/api/v1/me/favorites', 200, { token: state.token });
      expect(listed.body?.favorites?.some((favorite) => favorite.restaurant_id === state.restaurantId),
        'GET /api/v1/me/favorites: the favourite is not listed');
      await json('DELETE', path, 204, { token: state.token });
    }],
    ['a Tabelog scrape runs and the rating reaches the restaurant', async () => {
      if (!options.scrape) {
        return 'skipped (--skip-scrape)';
      }
      const accepted = await json('POST', '/api/v1/spider/scrape', [200, 202], {
        token: state.token,
        body: { google_id: state.place.id, place_name: state.place.displayName?.text ?? 'ramen', area: 'Shibuya',
          max_results: 3 },
      });
      if (accepted.status === 202) {
        const signal = AbortSignal.timeout(options.timeout * 1000);
        const stream = await call('GET', `/api/v1/spider/jobs/${accepted.body.job_id}/stream`,
          { token: state.token, headers: { accept: 'text/event-stream' }, signal });
        expect(stream.status === 200, `job stream: expected 200, got ${stream.status}`);
        const events = await followEvents(stream, ['done', 'error'], signal);
        expect(events.at(-1) === 'done', `job stream: expected updates then done, got [${events.join(', ')}]`);
        const job = await json('GET', `/api/v1/spider/jobs/${accepted.body.job_id}`, 200, { token: state.token });
        expect(job.body?.status === 'COMPLETED', `job ${accepted.body.job_id}: ${job.body?.status} ${job.body?.error ?? ''}`);
      }
      // The spider's event reaches restaurant-service a moment later.
      const deadline = Date.now() + options.timeout * 1000;
      for (;;) {
        const tabelog = await call('GET', `/api/v1/restaurants/${state.restaurantId}/tabelog`);
        const text = await tabelog.text();
        if (tabelog.status === 200) {
          const rating = JSON.parse(text).tabelog?.rating;
          expect(typeof rating === 'number', `tabelog: no rating in ${text.slice(0, 300)}`);
          return `rating ${rating}`;
        }
        expect(tabelog.status === 404 && Date.now() < deadline,
          `GET tabelog: expected the rating within ${options.timeout} s, last ${tabelog.status} ${text.slice(0, 300)}`);
        await sleep(1000);
      }
    }],
    ['a bad request is answered as a problem', async () => {
      const response = await call('POST', '/api/v1/map/advance_search', { body: '{"text_query": ' });
      const text = await response.text();
      expect(response.status === 400, `malformed JSON: expected 400, got ${response.status}`);
      expect((response.headers.get('content-type') ?? '').startsWith('application/problem+json'),
        `malformed JSON: expected application/problem+json, got ${response.headers.get('content-type')}`);
      expect(typeof JSON.parse(text).code === 'string', `malformed JSON: no code in ${text.slice(0, 300)}`);
    }],
    ['logout ends the session', async () => {
      await json('POST', '/api/v1/auth/logout', 204, { token: state.token });
      const refused = await json('GET', '/api/v1/me/favorites', 401, { token: state.token });
      expect(refused.body?.code === 'AUTH_SESSION_REVOKED', `after logout: expected AUTH_SESSION_REVOKED, got ${refused.body?.code}`);
    }],
  ];

  console.log(`smoke test of ${options.base}`);
  for (const [index, [name, run]] of steps.entries()) {
    const started = performance.now();
    try {
      const note = await run();
      const ms = Math.round(performance.now() - started);
      console.log(`ok   ${index + 1}/${steps.length} ${name} (${ms} ms${note ? `, ${note}` : ''})`);
    } catch (error) {
      const reason = error instanceof StepFailed ? error.message
        : error.name === 'TimeoutError' ? `no answer within ${options.timeout} s`
          : `${error.message}${error.cause ? ` (${error.cause.code ?? error.cause.message})` : ''}`;
      console.log(`FAIL ${index + 1}/${steps.length} ${name}: ${reason}`);
      return 1;
    }
  }
  console.log('smoke test passed');
  return 0;
}

process.exitCode = await main();
