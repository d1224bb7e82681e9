import express, { type Router } from 'express';

/** Placeholder until the Stripe.js stand-in lands. */
export function stripeJsRoutes(): Router {
  const router = express.Router();
  router.get(['/v3/stripe.js', '/js/stripe.js'], (_req, res) => {
    res.type('application/javascript').send('window.Stripe = undefined;');
  });
  return router;
}
