// The camera frame of an AI video alert, drawn as SVG so the seat can show it offline: a dark frame with
// the camera's name and the time burnt in like an OSD, and a red box around what analytics detected.
import type { GridEvent } from '../native/api/model.js';
import { Rng } from './county/prng.js';
import { DETECTION_LABELS } from './event-catalog.js';

export const SNAPSHOT_WIDTH = 640;
export const SNAPSHOT_HEIGHT = 360;

/** The URL path a snapshot is served at (GridEvent.snapshot). */
export function snapshotPath(eventId: string): string {
  return `/api/v1/snapshots/${encodeURIComponent(eventId)}.svg`;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** "2025-03-01 10:00:00" in China Standard Time, as a camera's OSD prints it. */
function osdTime(t: number): string {
  return new Date(t + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}

/** The frame for an event; the scene (street lines, box placement) depends only on the event id. */
export function snapshotSvg(event: GridEvent, cameraName: string): string {
  const rng = new Rng(`snapshot/${event.id}`);
  const names = event.detection ? DETECTION_LABELS[event.detection] : undefined;
  const text = names ? `${names.zh} ${names.en}` : (event.detection ?? '检测目标');
  const confidence = (0.82 + rng.next() * 0.16).toFixed(2);
  const w = Math.round(120 + rng.next() * 140);
  const h = Math.round(80 + rng.next() * 100);
  const x = Math.round(60 + rng.next() * (SNAPSHOT_WIDTH - w - 280));
  const y = Math.round(110 + rng.next() * (SNAPSHOT_HEIGHT - h - 140));
  const horizon = Math.round(120 + rng.next() * 40);
  const label = `${text} ${confidence}`;
  // The label bar fits its text: CJK glyphs are about a font size wide, Latin ones a little over half.
  const labelWidth = [...label].reduce((sum, ch) => sum + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 16 : 9.5), 16);
  const barWidth = Math.round(Math.max(w + 12, labelWidth));
  return `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="${SNAPSHOT_WIDTH}" height="${SNAPSHOT_HEIGHT}" viewBox="0 0 ${SNAPSHOT_WIDTH} ${SNAPSHOT_HEIGHT}" font-family="Noto Sans CJK SC, sans-serif">
  <rect width="100%" height="100%" fill="#10151c"/>
  <rect y="${horizon}" width="100%" height="${SNAPSHOT_HEIGHT - horizon}" fill="#1b222b"/>
  <path d="M${SNAPSHOT_WIDTH / 2 - 20} ${horizon} L80 ${SNAPSHOT_HEIGHT} M${SNAPSHOT_WIDTH / 2 + 20} ${horizon} L${SNAPSHOT_WIDTH - 80} ${SNAPSHOT_HEIGHT}" stroke="#3a4654" stroke-width="3"/>
  <path d="M${SNAPSHOT_WIDTH / 2} ${horizon + 10} L${SNAPSHOT_WIDTH / 2} ${SNAPSHOT_HEIGHT}" stroke="#56606b" stroke-width="2" stroke-dasharray="14 12"/>
  <rect x="${x}" y="${y}" width="${w}" height="${h}" fill="#2c3440"/>
  <rect data-role="detection" x="${x - 6}" y="${y - 6}" width="${w + 12}" height="${h + 12}" fill="none" stroke="#ff3b30" stroke-width="3"/>
  <rect x="${x - 6}" y="${y - 32}" width="${barWidth}" height="26" fill="#ff3b30"/>
  <text x="${x}" y="${y - 13}" fill="#ffffff" font-size="16" font-weight="700">${escapeXml(label)}</text>
  <text x="14" y="28" fill="#ffffff" font-size="18" font-weight="700">${escapeXml(cameraName)}</text>
  <text x="${SNAPSHOT_WIDTH - 14}" y="28" fill="#ffffff" font-size="16" text-anchor="end">${osdTime(event.reportedAt)}</text>
  <text x="14" y="${SNAPSHOT_HEIGHT - 14}" fill="#c8d0d8" font-size="14">${escapeXml(event.cameraId ?? '')} · AI 视频分析 · ${escapeXml(event.id)}</text>
</svg>
`;
}
