// Wartime puts the scene on the wall: when the county's active incident is one this seat has not staged yet,
// the incident wall turns to nine tiles of the cameras nearest the incident, saved as the incident's preset
// (应急·<title>) so the operator can bring it back after changing the wall. Staged once per incident and seat:
// a restart, or the incident's later log entries, leave the wall as the operator set it.
import { z } from 'zod';
import { standardLayout, type WallPreset } from '../api/video.js';
import type { Incident } from '../api/model.js';
import { nearestCameras } from '../reports/incident-workspace.js';
import type { Store } from '../store/store.js';
import type { WallController } from './wall-controller.js';

/** The wall the incident goes on: the seat's first (the main wall of the room). */
export const INCIDENT_WALL = 1;
const INCIDENT_CAMERAS = 9;
const META_STAGED = 'wall.incidentStaged';

export function incidentPresetName(incident: Incident): string {
  return `应急·${incident.title}`.slice(0, 50);
}

/** Stages the incident's cameras on the incident wall; null when there is nothing (new) to stage. */
export function stageIncidentWall(store: Store, wall: WallController, incident: Incident | null): WallPreset | null {
  if (!incident || incident.state !== 'active') return null;
  if (store.meta.get(META_STAGED, z.string()) === incident.id) return null;
  const cameraIds = nearestCameras(store, incident.position, INCIDENT_CAMERAS).map((c) => c.camera.id);
  store.meta.set(META_STAGED, incident.id);
  if (!cameraIds.length) return null;
  wall.setLayout(INCIDENT_WALL, standardLayout('9'));
  wall.fill(INCIDENT_WALL, cameraIds, 0);
  return wall.savePreset(INCIDENT_WALL, incidentPresetName(incident));
}
