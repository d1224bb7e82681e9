import { type Browser, chromium } from 'playwright-core';

/** The Chromium the browser suites drive (`apt-get install chromium`, or CHROMIUM_PATH). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless, as root in a container (no sandbox), and quiet: nothing of its own on the network. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** A laptop's window, the viewport the journeys use unless they test a phone or a tablet. */
export const DESKTOP = { width: 1280, height: 900 };
