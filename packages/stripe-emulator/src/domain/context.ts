import type { EventLog } from './events.ts';
import type { Store } from './store.ts';

/** What the domain services share. */
export interface Domain {
  store: Store;
  events: EventLog;
  /** The emulator's own URL, for the 3-D Secure page. */
  baseUrl: () => string;
  refundSettleMs: number;
}
