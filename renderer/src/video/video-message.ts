// Reading one message of the video socket: a text frame is a VideoStatus (validated, like every boundary),
// a binary frame is one FragmentKind byte followed by MP4 bytes. Anything else is reported, never trusted.
import { FragmentKind, VideoStatus } from '../../../native/api/video';

export type FragmentKindName = keyof typeof FragmentKind;

export type VideoMessage =
  | { kind: 'status'; status: VideoStatus }
  | { kind: 'fragment'; fragment: FragmentKindName; bytes: Uint8Array<ArrayBuffer> }
  | { kind: 'bad'; reason: string };

const kindByByte = new Map<number, FragmentKindName>(
  (Object.entries(FragmentKind) as Array<[FragmentKindName, number]>).map(([name, byte]) => [byte, name]),
);

export function readVideoMessage(data: string | ArrayBuffer): VideoMessage {
  if (typeof data === 'string') {
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      return { kind: 'bad', reason: 'status frame is not JSON' };
    }
    const parsed = VideoStatus.safeParse(json);
    if (!parsed.success) return { kind: 'bad', reason: `bad status frame: ${parsed.error.issues[0]?.message ?? 'invalid'}` };
    return { kind: 'status', status: parsed.data };
  }
  const bytes = new Uint8Array(data);
  const fragment = bytes.length > 1 ? kindByByte.get(bytes[0]!) : undefined;
  if (!fragment) return { kind: 'bad', reason: bytes.length > 1 ? `unknown fragment kind ${bytes[0]}` : 'empty fragment' };
  return { kind: 'fragment', fragment, bytes: bytes.subarray(1) };
}
