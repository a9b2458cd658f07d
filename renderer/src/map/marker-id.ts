// What a clickable marker carries as its Cesium `id`, so a pick says which camera, worker or event was hit.
export interface MarkerId {
  kind: 'camera' | 'worker' | 'event';
  id: string;
}

export function isMarkerId(value: unknown): value is MarkerId {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (v.kind === 'camera' || v.kind === 'worker' || v.kind === 'event') && typeof v.id === 'string';
}
