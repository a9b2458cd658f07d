// The wall.* methods of the Station API: each hands its checked params to the WallController.
import type { Handlers } from './host.js';
import type { WallController } from '../video/wall-controller.js';

export type WallMethod = Extract<keyof Handlers, `wall.${string}`>;

/** `wall` is asked for on each call: a station without a wall controller fails the call, not the table. */
export function wallHandlers(wall: () => WallController): Pick<Handlers, WallMethod> {
  return {
    'wall.list': () => wall().list(),
    'wall.get': ({ wallId }) => wall().get(wallId),
    'wall.setLayout': ({ wallId, layout }) => wall().setLayout(wallId, layout),
    'wall.assign': ({ wallId, tile, cameraId }) => wall().assign(wallId, tile, cameraId),
    'wall.fill': ({ wallId, cameraIds, fromTile }) => wall().fill(wallId, cameraIds, fromTile),
    'wall.maximize': ({ wallId, tile }) => wall().maximize(wallId, tile),
    'wall.presets': () => wall().presets(),
    'wall.savePreset': ({ wallId, name }) => wall().savePreset(wallId, name),
    'wall.applyPreset': ({ wallId, presetId }) => wall().applyPreset(wallId, presetId),
    'wall.deletePreset': ({ presetId }) => wall().deletePreset(presetId),
    'wall.tours': () => wall().tours(),
    'wall.saveTour': (draft) => wall().saveTour(draft),
    'wall.deleteTour': ({ tourId }) => wall().deleteTour(tourId),
    'wall.startTour': ({ wallId, tourId, tile }) => wall().startTour(wallId, tourId, tile),
    'wall.stopTour': ({ wallId }) => wall().stopTour(wallId),
    'wall.setAlarmConfig': ({ wallId, config }) => wall().setAlarmConfig(wallId, config),
    'wall.ackAlarm': ({ wallId }) => wall().ackAlarm(wallId),
  };
}
