// Keeps every window on the app's own pages: navigation elsewhere, window.open and <webview> are refused.
// The rule (isAppUrl) is pure; guardWebContents wires it to a WebContents.
import type { WebContents } from 'electron';

/** Same scheme, host and port as the app's URL (the dev server's, or watchfloor://app when built). */
export function isAppUrl(url: string, appUrl: string): boolean {
  let candidate: URL;
  let app: URL;
  try {
    candidate = new URL(url);
    app = new URL(appUrl);
  } catch {
    return false;
  }
  // URL.origin is "null" for custom schemes, so compare the parts.
  return candidate.protocol === app.protocol && candidate.host === app.host && candidate.host !== '';
}

type Guarded = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

export function guardWebContents(contents: Guarded, appUrl: string, log: (line: string) => void): void {
  const refuse = (what: string) => (event: { preventDefault(): void }, url: string) => {
    if (isAppUrl(url, appUrl)) return;
    event.preventDefault();
    log(`blocked ${what} to ${url}`);
  };
  contents.on('will-navigate', refuse('navigation'));
  contents.on('will-redirect', refuse('redirect'));
  contents.setWindowOpenHandler(({ url }) => {
    log(`blocked window.open of ${url}`);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('blocked a <webview>');
  });
}
