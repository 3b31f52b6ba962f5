import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { refreshSession } from './auth';
import { accessToken } from './session';

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
