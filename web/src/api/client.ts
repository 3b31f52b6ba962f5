import createClient, { type Middleware } from 'openapi-fetch';
import { accessToken } from '../session';
import type { paths as AuthPaths } from './generated/auth';
import type { paths as MapPaths } from './generated/map';
import type { paths as RestaurantPaths } from './generated/restaurant';
import type { paths as SpiderPaths } from './generated/spider';
import { ApiProblem, problemOf, unreachable } from './problem';

// Same origin as the gateway that serves the app: no CORS, no base URL to configure.
const withToken: Middleware = {
  onRequest({ request }) {
    const token = accessToken();
    if (token && !request.headers.has('Authorization')) request.headers.set('Authorization', `Bearer ${token}`);
    return request;
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
