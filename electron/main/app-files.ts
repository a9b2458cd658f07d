// Maps a watchfloor://app/... URL to a file of the built renderer, refusing anything outside its folder,
// and names the file's MIME type (module scripts load only with a JavaScript type). The wall page /wall/<n>
// is the app's index.html (the renderer picks the page from the path; its assets are addressed from the root).
import { isAbsolute, join, normalize, relative } from 'node:path';

export const APP_SCHEME = 'watchfloor';
export const APP_HOST = 'app';
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** The seat's table of content types serves the app's own scheme too. */
export { contentType as mimeType } from '../../native/seat/static-files.js';

/** The wall windows' page (renderer/src/components/wall/wall-route.ts reads the id back from it). */
const WALL_PAGE = /^\/wall\/\d{1,2}\/?$/;

/** The file under `rootDir` that `url` names, or null when the URL is not the app's or leaves the folder. */
export function resolveAppFile(url: string, rootDir: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  let path: string;
  try {
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (path.includes('\0')) return null;
  if (path === '/' || path === '' || WALL_PAGE.test(path)) path = '/index.html';
  const file = normalize(join(rootDir, path));
  const rel = relative(rootDir, file);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return null;
  return file;
}
