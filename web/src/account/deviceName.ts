import Bowser from 'bowser';

/**
 * A session's device as a person names it ("Chrome on Linux") from the User-Agent auth-service stored; what the
 * parser (Bowser) cannot read stays as sent, and nothing stays as nothing.
 */
export function deviceName(userAgent: string | null | undefined, on: (browser: string, os: string) => string) {
  if (!userAgent) return null;
  const { browser, os } = Bowser.parse(userAgent);
  if (browser.name && os.name) return on(browser.name, os.name);
  return browser.name || userAgent;
}
