// Which page a window shows: `/wall/<n>` is wall n (a wall display), any other path the console.
import { WallId } from '../../../../native/api/video';

export function wallIdFromPath(pathname: string): number | null {
  const match = /^\/wall\/(\d{1,2})\/?$/.exec(pathname);
  if (!match) return null;
  const id = WallId.safeParse(Number(match[1]));
  return id.success ? id.data : null;
}

/** The browser seat's address of wall n, carrying this page's query (the seat token). */
export function wallPageHref(wallId: number, search: string): string {
  return `/wall/${wallId}${search}`;
}
