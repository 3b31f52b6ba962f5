import createClient, { type Middleware } from 'openapi-fetch';
import { refreshSession } from '../auth';
import { accessToken } from '../session';
import type { paths as AuthPaths } from './generated/auth';
import type { paths as MapPaths } from './generated/map';
import type { paths as RestaurantPaths } from './generated/restaurant';
import type { paths as SpiderPaths } from './generated/spider';
import { ApiProblem, problemOf, unreachable } from './problem';

const TOKENLESS = /^\/api\/v1\/auth\/(login|register|refresh)$/;

// A copy of each request sent with a token, to send again after a refresh (a body can be read once).
const copies = new WeakMap<Request, Request>();

// Same origin as the gateway that serves the app: no CORS, no base URL to configure.
const withToken: Middleware = {
  onRequest({ request }) {
    const token = accessToken();
    // Never on the calls that get tokens: the gateway refuses any request whose token is bad, expired included.
    if (token && !request.headers.has('Authorization') && !TOKENLESS.test(new URL(request.url).pathname)) {
      request.headers.set('Authorization', `Bearer ${token}`);
      copies.set(request, request.clone());
    }
    return request;
  },
  /** A 401 for a token that ran out while the app slept: one refresh (shared), then the request once more. */
  async onResponse({ request, response }) {
    const copy = copies.get(request);
    if (response.status !== 401 || !copy || new URL(request.url).pathname.startsWith('/api/v1/auth/')) return response;
    if (!(await refreshSession())) return response;
    copy.headers.set('Authorization', `Bearer ${accessToken()}`);
    return globalThis.fetch(copy);
  },
};

function client<Paths extends {}>() {
  // fetch looked up per call, not captured once: the unit tests put a fake in its place.
  const api = createClient<Paths>({ baseUrl: location.origin, fetch: (request) => globalThis.fetch(request) });
  api.use(withToken);
  return api;
}

export const authApi = client<AuthPaths>();
export const mapApi = client<MapPaths>();
export const restaurantApi = client<RestaurantPaths>();
export const spiderApi = client<SpiderPaths>();

/**
 * The data of an openapi-fetch call, or an {@link ApiProblem} thrown for a problem answer or an unreachable server.
 */
export async function answer<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<{ data: T; response: Response }> {
  let result;
  try {
    result = await call;
  } catch (failure) {
    if (failure instanceof ApiProblem) throw failure;
    throw unreachable();
  }
  if (!result.response.ok) throw problemOf(result.response, result.error);
  return { data: result.data as T, response: result.response };
}
