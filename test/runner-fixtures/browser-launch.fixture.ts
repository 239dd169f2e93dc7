import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchBrowser, type BrowserSession } from '../e2e/browser';

// Runner self-test fixture: run with CHROMIUM_PATH at a Chromium that exists but cannot launch, under CI=true.
describe.skipIf(!chromiumAvailable())('a browser test', () => {
  let browser: BrowserSession | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());
  it('would use the browser', () => expect(browser).toBeDefined());
});
