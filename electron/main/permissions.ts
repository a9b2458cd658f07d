// Permission requests (camera and microphone for dispatch calls, fullscreen for the wall) are granted only
// to the app's own pages; everything else, and every request from anywhere else, is refused.
import type { Session } from 'electron';
import { isAppUrl } from './navigation-guard.js';

export const GRANTED_TO_APP: ReadonlySet<string> = new Set(['media', 'fullscreen']);

export function isPermissionGranted(permission: string, requestingUrl: string | undefined, appUrl: string): boolean {
  return GRANTED_TO_APP.has(permission) && requestingUrl !== undefined && isAppUrl(requestingUrl, appUrl);
}

type PermissionSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'>;

export function installPermissionHandlers(session: PermissionSession, appUrl: string, log: (line: string) => void): void {
  session.setPermissionRequestHandler((contents, permission, callback, details) => {
    // Both the frame asking and the page it sits in must be ours.
    const pageUrl = contents?.getURL();
    const granted = isPermissionGranted(permission, details.requestingUrl, appUrl) && (pageUrl === undefined || isAppUrl(pageUrl, appUrl));
    if (!granted) log(`refused permission ${permission} to ${details.requestingUrl}`);
    callback(granted);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => isPermissionGranted(permission, requestingOrigin, appUrl));
  // USB, serial and HID devices: never.
  session.setDevicePermissionHandler(() => false);
}
