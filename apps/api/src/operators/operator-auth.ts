import type { RequestHandler, Response } from 'express';
import type { Db } from '../platform/db/database.ts';
import { authenticateOperator, type Operator } from './api-keys.service.ts';

declare global {
  namespace Express {
    interface Locals {
      /** Set by `requireOperator` on the operator routes. */
      operator?: Operator;
    }
  }
}

/** Authenticates `Authorization: Bearer rk_…` for the restaurant named by `:slug`. */
export function requireOperator(db: Db): RequestHandler {
  return async (req, res, next) => {
    res.locals.operator = await authenticateOperator(db, req.get('Authorization'), String(req.params.slug));
    next();
  };
}

export function operatorOf(res: Response): Operator {
  const { operator } = res.locals;
  if (!operator) throw new Error('operator route mounted without requireOperator');
  return operator;
}
