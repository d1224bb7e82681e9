export { startEmulator } from './emulator.ts';
export type {
  DeliveryRecord,
  DeliveryStatus,
  Emulator,
  EmulatorControl,
  EmulatorOptions,
  FailRequestsOptions,
  KeyPermissions,
  StripeResource,
  WebhookEndpointConfig,
} from './types.ts';
