// The file name of a tile snapshot: camera, then local date and time to the second, safe on every OS.

const UNSAFE = /[\\/:*?"<>|\u0000-\u001f]+/g;

export function snapshotFileName(camera: string, at: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  const stamp = `${at.getFullYear()}${p(at.getMonth() + 1)}${p(at.getDate())}-${p(at.getHours())}${p(at.getMinutes())}${p(at.getSeconds())}`;
  const name = camera.replace(UNSAFE, '_').trim().slice(0, 80) || 'camera';
  return `${name}_${stamp}.png`;
}
