export { startEmulator } from './emulator.ts';
export type {
  DeliveryRecord,
  DeliveryStatus,
  Emulator,
  EmulatorControl,
  EmulatorOptions,
  FailRequestsOptions,
  WebhookEndpointConfig,
} from './types.ts';
