import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { restaurantApi } from './api/client';
import { refreshSession } from './auth';
import { accessToken, signIn } from './session';

// Unit test with a fake fetch (pure logic of the app: how many refreshes go out), not a test of the server.
describe('refreshSession', () => {
  const calls: string[] = [];

  beforeEach(() => {
    calls.length = 0;
    vi.stubGlobal('fetch', async (input: Request) => {
      calls.push(`${input.method} ${new URL(input.url).pathname} csrf=${input.headers.get('X-Tabelogo-CSRF')}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
      const body = input.url.endsWith('/refresh')
        ? { access_token: `token-${calls.length}`, token_type: 'Bearer', expires_in: 900 }
        : { user: { id: 'u1', email: 'a@example.com', username: 'A', role: 'user' } };
      return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
    });
  });

  afterEach(() => vi.unstubAllGlobals());

  it('sends one refresh however many callers ask at once, with the CSRF header', async () => {
    const results = await Promise.all([refreshSession(), refreshSession(), refreshSession()]);

    expect(results).toEqual([true, true, true]);
    expect(calls.filter((call) => call.includes('/refresh'))).toEqual(['POST /api/v1/auth/refresh csrf=1']);
    expect(accessToken()).toBe('token-1');
  });

  it('asks again once the previous refresh is over', async () => {
    await refreshSession();
    await refreshSession();
    expect(calls.filter((call) => call.includes('/refresh'))).toHaveLength(2);
  });
});

// Unit test with a fake fetch: a request whose token expired is sent again, once, after one refresh.
describe('an expired access token', () => {
  const seen: string[] = [];

  beforeEach(async () => {
    seen.length = 0;
    let refreshed = 0;
    vi.stubGlobal('fetch', async (input: Request) => {
      const path = new URL(input.url).pathname;
      seen.push(`${path} ${input.headers.get('Authorization') ?? ''} ${await input.clone().text()}`);
      const json = (status: number, body: unknown) =>
        new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
      if (path === '/api/v1/auth/refresh') return json(200, { access_token: `fresh-${++refreshed}`, expires_in: 900 });
      if (path === '/api/v1/auth/me') return json(200, { user: { id: 'u1', username: 'A' } });
      return input.headers.get('Authorization') === 'Bearer stale'
        ? json(401, { code: 'AUTH_TOKEN_EXPIRED', detail: 'expired' })
        : json(200, { favorite: { notes: 'kept' } });
    });
    signIn('stale', { id: 'u1', email: 'a@example.com', username: 'A', role: 'user' });
  });

  afterEach(() => vi.unstubAllGlobals());

  it('is renewed and the request sent again with its body', async () => {
    const { data, error } = await restaurantApi.PUT('/api/v1/me/favorites/{restaurantId}', {
      params: { path: { restaurantId: 'r1' } },
      body: { notes: 'kept' },
    });

    expect(error).toBeUndefined();
    expect(data?.favorite?.notes).toBe('kept');
    expect(seen).toEqual([
      '/api/v1/me/favorites/r1 Bearer stale {"notes":"kept"}',
      '/api/v1/auth/refresh  {}', // no token: an expired one would be refused at the gateway
      '/api/v1/auth/me Bearer fresh-1 ',
      '/api/v1/me/favorites/r1 Bearer fresh-1 {"notes":"kept"}',
    ]);
  });
});
