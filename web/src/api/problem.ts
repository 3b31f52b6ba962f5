/** An RFC 9457 problem the API answered with, or a failure to reach it, in a form the interface can word. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    /** Seconds to wait before trying again (Retry-After), when the server said. */
    readonly retryAfter: number | null,
    /** Messages per request field (VALIDATION_FAILED). */
    readonly fields: Record<string, string>,
    /** Which part of Tabelogo answered (or failed to): to say what is down. */
    readonly part: Part | null = null,
  ) {
    super(detail);
  }

  get isRateLimited() {
    return this.status === 429;
  }

  get isUnavailable() {
    return this.status === 503 || this.status === 0;
  }
}

/** The parts of Tabelogo a person can tell apart, each behind its own API. */
export type Part = 'places' | 'restaurants' | 'favorites' | 'tabelog' | 'accounts';

const PARTS: [RegExp, Part][] = [
  [/^\/api\/v1\/map\//, 'places'],
  [/^\/api\/v1\/me\/favorites/, 'favorites'],
  [/^\/api\/v1\/restaurants/, 'restaurants'],
  [/^\/api\/v1\/spider\//, 'tabelog'],
  [/^\/api\/v1\/auth\//, 'accounts'],
];

/** The part a request went to, from its path; restaurant-service's MAP_UNAVAILABLE is the place search's trouble. */
export function partOf(url: string, code?: string): Part | null {
  if (code === 'MAP_UNAVAILABLE') return 'places';
  let path: string;
  try {
    path = new URL(url, 'http://tabelogo.invalid').pathname;
  } catch {
    return null;
  }
  return PARTS.find(([pattern]) => pattern.test(path))?.[1] ?? null;
}

interface ProblemBody {
  code?: string;
  detail?: string;
  title?: string;
  errors?: { field?: string; message?: string }[];
}

/** Retry-After as seconds: a number of seconds or an HTTP date. */
export function retryAfterSeconds(header: string | null, now: number = Date.now()): number | null {
  if (!header) return null;
  const seconds = Number(header.trim());
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - now) / 1000));
}

/** The problem a non-2xx response carries (its JSON body may be missing or not a problem at all). */
export function problemOf(response: Response, body: unknown): ApiProblem {
  const problem = (body && typeof body === 'object' ? body : {}) as ProblemBody;
  const fields: Record<string, string> = {};
  for (const error of problem.errors ?? []) {
    if (error.field && error.message && !fields[error.field]) fields[error.field] = error.message;
  }
  return new ApiProblem(
    response.status,
    problem.code ?? `HTTP_${response.status}`,
    problem.detail ?? problem.title ?? response.statusText ?? '',
    retryAfterSeconds(response.headers.get('Retry-After')),
    fields,
    partOf(response.url, problem.code),
  );
}

/** The network itself failed (offline, the gateway down): status 0. */
export function unreachable(): ApiProblem {
  return new ApiProblem(0, 'UNREACHABLE', '', null, {});
}
