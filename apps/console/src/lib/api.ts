import type { Problem } from '@repo/contracts';

/** A problem as the API answers it, with the extension members some types add. */
export type ProblemBody = Problem & Record<string, unknown>;

/** An API answer that is not a success; status 0 when the API could not be reached at all. */
export class ApiProblem extends Error {
  readonly status: number;
  readonly problem: ProblemBody | null;

  constructor(status: number, problem: ProblemBody | null) {
    super(problem?.title ?? (status === 0 ? 'The API could not be reached' : `HTTP ${status}`));
    this.status = status;
    this.problem = problem;
  }

  /** The problem type's last segment (`refund-exceeds-refundable`), or null without a problem body. */
  get type(): string | null {
    return this.problem?.type.split('/').pop() ?? null;
  }
}

export interface RequestOptions {
  body?: unknown;
  /** Operator writes carry one; a retry of the same write reuses it, so it happens once. */
  idempotencyKey?: string;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function problemOf(response: Response): Promise<ApiProblem> {
  const body = await response.json().catch(() => null);
  return new ApiProblem(response.status, body && typeof body === 'object' ? (body as ProblemBody) : null);
}

/**
 * The console's client of the REST API. Every call sends the session cookie (`credentials:
 * 'include'`); every call that changes something sends the session's CSRF token as well.
 */
export class ConsoleApi {
  readonly apiUrl: string;
  csrfToken: string | null = null;

  constructor(apiUrl: string) {
    this.apiUrl = apiUrl.replace(/\/$/, '');
  }

  url(path: string): string {
    return `${this.apiUrl}${path}`;
  }

  private async send(method: Method, path: string, options: RequestOptions): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET' && this.csrfToken) headers['X-CSRF-Token'] = this.csrfToken;
    if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
    try {
      return await fetch(this.url(path), {
        method,
        headers,
        credentials: 'include',
        cache: 'no-store',
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      });
    } catch {
      throw new ApiProblem(0, null);
    }
  }

  /**
   * One call. A keyed write that meets "still in progress" or an unavailable payment provider is
   * retried with the same key a few times, which the API makes safe.
   */
  async request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const response = await this.send(method, path, options);
      if (response.ok) return (response.status === 204 ? undefined : await response.json()) as T;
      const problem = await problemOf(response);
      const retriable =
        options.idempotencyKey !== undefined &&
        (problem.type === 'request-in-progress' || response.status === 503) &&
        attempt < 2;
      if (!retriable) throw problem;
      const retryAfter = Number(response.headers.get('Retry-After'));
      await sleep(Math.min(Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : 1000, 4000));
    }
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }
}

/** A restaurant's path: `/api/clients/demo/orders`. */
export function clientPath(slug: string, rest: string): string {
  return `/api/clients/${encodeURIComponent(slug)}/${rest}`;
}

/** A fresh Idempotency-Key for one write the person asked for. */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `console-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
