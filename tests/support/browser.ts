import fs from "node:fs";
import { chromium, type Browser } from "playwright-core";

/** Debian's chromium: a browser download cannot work here. */
const CHROMIUM = "/usr/bin/chromium";

export const chromiumAvailable = () => fs.existsSync(CHROMIUM);

/** Headless Chromium with the flags that keep it off the network and quiet. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
    ],
  });
}
