import { createHmac } from 'node:crypto';

/** `Stripe-Signature` value: one `v1` per secret so endpoints mid-rotation verify with either. */
export function signatureHeader(payload: string, secrets: string[], timestamp: number): string {
  const parts = [`t=${timestamp}`];
  for (const secret of secrets) {
    parts.push(`v1=${createHmac('sha256', secret).update(`${timestamp}.${payload}`, 'utf8').digest('hex')}`);
  }
  return parts.join(',');
}
