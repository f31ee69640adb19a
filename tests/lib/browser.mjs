// Debian's Chromium driven by playwright-core, as every browser test starts it: headless, no
// sandbox (root), and no background networking (the machine has no network beyond loopback).
// Playwright gives the browser a new empty profile of its own (no --user-data-dir here).
import { chromium } from 'playwright-core';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_BIN ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
}
