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
  );
}

/** The network itself failed (offline, the gateway down): status 0. */
export function unreachable(): ApiProblem {
  return new ApiProblem(0, 'UNREACHABLE', '', null, {});
}
