import type { z } from 'zod';
import { Problem } from './problem.ts';

/** The response and body pieces every OpenAPI module of the API repeats. */
export const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: Problem } },
});

export const json = (description: string, schema: z.ZodType) => ({
  description,
  content: { 'application/json': { schema } },
});

export const body = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });
