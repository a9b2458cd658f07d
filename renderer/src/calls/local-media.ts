// The local camera and microphone for a call: asks for both, falls back to audio only, then to receiving
// only, and says why in words (Chinese / English) instead of failing the call.
export type FacingMode = 'user' | 'environment';

export type LocalMediaProblem =
  /** Only the microphone: no camera, or the camera is busy or refused. */
  | 'no_camera'
  /** Neither: the party receives only. */
  | 'no_devices'
  /** The browser or the user refused access. */
  | 'denied'
  /** No getUserMedia at all (an insecure http:// page on a phone, or an old browser). */
  | 'unsupported';

export interface LocalMedia {
  /** null when nothing could be opened: the party joins receive-only. */
  stream: MediaStream | null;
  problem: LocalMediaProblem | null;
  /** The problem in words, Chinese first; null when both opened. */
  message: string | null;
}

const MESSAGES: Record<LocalMediaProblem, string> = {
  no_camera: '未能打开摄像头，仅语音通话 / camera unavailable: audio only',
  no_devices: '未找到摄像头和麦克风，只能收看收听 / no camera or microphone: receive only',
  denied: '摄像头和麦克风权限被拒绝，只能收看收听 / camera and microphone access denied: receive only',
  unsupported: '此浏览器不支持摄像头（需 https 或 localhost），只能收看收听 / this browser cannot open a camera (needs https or localhost): receive only',
};

export function localMediaMessage(problem: LocalMediaProblem): string {
  return MESSAGES[problem];
}

function videoConstraints(facingMode: FacingMode): MediaTrackConstraints {
  // "ideal", not "exact": a laptop's single camera still opens when the back one is asked for.
  return { facingMode: { ideal: facingMode }, width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 25 } };
}

function isDenied(error: unknown): boolean {
  return error instanceof DOMException && (error.name === 'NotAllowedError' || error.name === 'SecurityError');
}

/** Opens camera and microphone, or what of them there is. */
export async function openLocalMedia(facingMode: FacingMode = 'user', media: Pick<MediaDevices, 'getUserMedia'> | undefined = globalThis.navigator?.mediaDevices): Promise<LocalMedia> {
  if (!media?.getUserMedia) return { stream: null, problem: 'unsupported', message: MESSAGES.unsupported };
  try {
    return { stream: await media.getUserMedia({ audio: true, video: videoConstraints(facingMode) }), problem: null, message: null };
  } catch (both) {
    try {
      const stream = await media.getUserMedia({ audio: true, video: false });
      return { stream, problem: 'no_camera', message: MESSAGES.no_camera };
    } catch (audio) {
      const problem = isDenied(both) || isDenied(audio) ? 'denied' : 'no_devices';
      return { stream: null, problem, message: MESSAGES[problem] };
    }
  }
}

/** A camera track facing the other way (switching front/back on a phone); the old track is the caller's to stop. */
export async function openCamera(facingMode: FacingMode, media: Pick<MediaDevices, 'getUserMedia'> | undefined = globalThis.navigator?.mediaDevices): Promise<MediaStreamTrack> {
  if (!media?.getUserMedia) throw new Error(MESSAGES.unsupported);
  const stream = await media.getUserMedia({ audio: false, video: videoConstraints(facingMode) });
  const track = stream.getVideoTracks()[0];
  if (!track) throw new Error(MESSAGES.no_camera);
  return track;
}
