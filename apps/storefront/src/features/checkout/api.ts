import type { CreateOrderRequest, CreateOrderResponse, DinerOrderView, Problem } from '@repo/contracts';
import { orderUrl, type SiteConfig } from '../../lib/site-config.ts';

/** An API answer that is not a success, with its RFC 9457 problem details when the API sent them. */
export class ApiProblem extends Error {
  readonly status: number;
  readonly problem: Problem | null;
  readonly retryAfterMs: number | null;

  constructor(status: number, problem: Problem | null, retryAfterMs: number | null) {
    super(problem?.detail ?? problem?.title ?? `The restaurant's server answered ${status}.`);
    this.status = status;
    this.problem = problem;
    this.retryAfterMs = retryAfterMs;
  }
}

async function problemOf(response: Response): Promise<ApiProblem> {
  const retryAfter = Number(response.headers.get('Retry-After'));
  let problem: Problem | null = null;
  try {
    problem = (await response.json()) as Problem;
  } catch {
    problem = null;
  }
  return new ApiProblem(
    response.status,
    problem,
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : null,
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Creates (or, with the same key and body, replays) the order. 409 "in progress" and 503 are retried
 * with the same key, which is what makes a retry safe.
 */
export async function createOrder(
  config: SiteConfig,
  idempotencyKey: string,
  body: CreateOrderRequest,
): Promise<CreateOrderResponse> {
  for (let attempt = 0; ; attempt++) {
    let response: Response;
    try {
      response = await fetch(orderUrl(config), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey },
        body: JSON.stringify(body),
      });
    } catch {
      if (attempt < 2) {
        await sleep(1000 * (attempt + 1));
        continue;
      }
      throw new ApiProblem(0, null, null);
    }
    if (response.ok) return (await response.json()) as CreateOrderResponse;
    const problem = await problemOf(response);
    const retriable = response.status === 409 || response.status === 503 || response.status === 429;
    if (!retriable || attempt >= 3) throw problem;
    await sleep(Math.min(problem.retryAfterMs ?? 800 * (attempt + 1), 5000));
  }
}

export async function getOrder(config: SiteConfig, orderId: string, token: string): Promise<DinerOrderView> {
  const response = await fetch(orderUrl(config, orderId), {
    headers: { 'X-Order-Token': token, Accept: 'application/json' },
    cache: 'no-store',
  });
  if (!response.ok) throw await problemOf(response);
  return (await response.json()) as DinerOrderView;
}
