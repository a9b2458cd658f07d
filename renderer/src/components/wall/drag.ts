// Dragging cameras onto wall tiles: one camera (camera list, camera marker card) or a grid's cameras
// (grid detail card). Data read back from a drop is validated like any other input.
import { z } from 'zod';
import { CameraId } from '../../../../native/api/video';

export const CAMERA_DRAG_TYPE = 'application/x-watchfloor-camera';
export const CAMERAS_DRAG_TYPE = 'application/x-watchfloor-cameras';

export type WallDrop = { kind: 'camera'; cameraId: string } | { kind: 'cameras'; cameraIds: string[] };

type DragData = Pick<DataTransfer, 'setData' | 'getData'> & { readonly types: readonly string[]; effectAllowed: DataTransfer['effectAllowed'] };

const CameraIds = z.array(CameraId).min(1).max(64);

export function setCameraDrag(dt: DragData, cameraId: string, label: string): void {
  dt.setData(CAMERA_DRAG_TYPE, cameraId);
  dt.setData('text/plain', label);
  dt.effectAllowed = 'copy';
}

/** At most 64 cameras travel (wall.fill's limit; the largest layout has 36 tiles). */
export function setCamerasDrag(dt: DragData, cameraIds: readonly string[], label: string): void {
  dt.setData(CAMERAS_DRAG_TYPE, JSON.stringify(cameraIds.slice(0, 64)));
  dt.setData('text/plain', label);
  dt.effectAllowed = 'copy';
}

/** During dragover only the types can be read, not the data. */
export function carriesCameras(types: readonly string[]): boolean {
  return types.includes(CAMERA_DRAG_TYPE) || types.includes(CAMERAS_DRAG_TYPE);
}

export function readWallDrop(dt: Pick<DragData, 'getData' | 'types'>): WallDrop | null {
  if (dt.types.includes(CAMERA_DRAG_TYPE)) {
    const id = CameraId.safeParse(dt.getData(CAMERA_DRAG_TYPE));
    return id.success ? { kind: 'camera', cameraId: id.data } : null;
  }
  if (dt.types.includes(CAMERAS_DRAG_TYPE)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(dt.getData(CAMERAS_DRAG_TYPE));
    } catch {
      return null;
    }
    const ids = CameraIds.safeParse(parsed);
    return ids.success ? { kind: 'cameras', cameraIds: ids.data } : null;
  }
  return null;
}
