// Video dispatch calls (视频调度): the signalling spoken over the hub's call WebSocket by every party —
// a station on behalf of its seat, and a grid worker's field page. One request/answer shape, a few
// notifications; every frame is checked with these schemas at both ends.
import { z } from 'zod';
import { ActorRole, LonLat } from '../api/model.js';

/** The hub's call WebSocket. */
export const CALLS_PATH = '/api/v1/calls';
/**
 * The close code of a socket whose identity signed in again on another connection: the client must not
 * reconnect (two tabs would take the identity from each other forever). (Added by helper B.)
 */
export const CLOSE_REPLACED = 4001;
/** Where the hub serves the field page (the grid worker's side of a call). */
export const FIELD_PATH = '/field/';

const Id = z.string().min(1).max(100);

// ---- mediasoup's own objects, as far as this product passes them on (the SFU checks them again) ----

export const MediaKind = z.enum(['audio', 'video']);
export type MediaKind = z.infer<typeof MediaKind>;

const CodecParameters = z.record(z.string(), z.union([z.string(), z.number()]));
const RtcpFeedback = z.object({ type: z.string(), parameter: z.string().optional() });

export const RtpCodecCapability = z.object({
  kind: MediaKind,
  mimeType: z.string().min(1),
  preferredPayloadType: z.number().int().optional(),
  clockRate: z.number().int().positive(),
  channels: z.number().int().positive().optional(),
  parameters: CodecParameters.optional(),
  rtcpFeedback: z.array(RtcpFeedback).optional(),
});

export const RtpHeaderExtension = z.object({
  kind: MediaKind,
  uri: z.string().min(1),
  preferredId: z.number().int(),
  preferredEncrypt: z.boolean().optional(),
  direction: z.enum(['sendrecv', 'sendonly', 'recvonly', 'inactive']).optional(),
});

export const RtpCapabilities = z.object({
  codecs: z.array(RtpCodecCapability).max(64).optional(),
  headerExtensions: z.array(RtpHeaderExtension).max(64).optional(),
});
export type RtpCapabilities = z.infer<typeof RtpCapabilities>;

export const RtpParameters = z.object({
  mid: z.string().optional(),
  codecs: z.array(z.object({
    mimeType: z.string().min(1),
    payloadType: z.number().int().min(0).max(127),
    clockRate: z.number().int().positive(),
    channels: z.number().int().positive().optional(),
    parameters: CodecParameters.optional(),
    rtcpFeedback: z.array(RtcpFeedback).optional(),
  })).min(1).max(32),
  headerExtensions: z.array(z.object({
    uri: z.string().min(1),
    id: z.number().int(),
    encrypt: z.boolean().optional(),
    parameters: CodecParameters.optional(),
  })).max(32).optional(),
  encodings: z.array(z.object({
    ssrc: z.number().int().nonnegative().optional(),
    rid: z.string().optional(),
    codecPayloadType: z.number().int().optional(),
    rtx: z.object({ ssrc: z.number().int().nonnegative() }).optional(),
    dtx: z.boolean().optional(),
    scalabilityMode: z.string().optional(),
    scaleResolutionDownBy: z.number().positive().optional(),
    maxBitrate: z.number().positive().optional(),
  })).max(8).optional(),
  rtcp: z.object({ cname: z.string().optional(), reducedSize: z.boolean().optional(), mux: z.boolean().optional() }).optional(),
});
export type RtpParameters = z.infer<typeof RtpParameters>;

export const DtlsParameters = z.object({
  role: z.enum(['auto', 'client', 'server']).optional(),
  fingerprints: z.array(z.object({ algorithm: z.string().min(1), value: z.string().min(1) })).min(1).max(8),
});
export type DtlsParameters = z.infer<typeof DtlsParameters>;

export const TransportInfo = z.object({
  id: Id,
  iceParameters: z.object({ usernameFragment: z.string(), password: z.string(), iceLite: z.boolean().optional() }),
  iceCandidates: z.array(z.object({
    foundation: z.string(),
    priority: z.number(),
    ip: z.string(),
    port: z.number().int(),
    type: z.literal('host'),
    protocol: z.enum(['udp', 'tcp']),
    tcpType: z.literal('passive').optional(),
  })),
  dtlsParameters: DtlsParameters,
});
export type TransportInfo = z.infer<typeof TransportInfo>;

export const ConsumerInfo = z.object({
  id: Id,
  producerId: Id,
  kind: MediaKind,
  rtpParameters: RtpParameters,
});
export type ConsumerInfo = z.infer<typeof ConsumerInfo>;

// ---- calls and who is in them ----

/** Whom a call rings: one grid worker's field page, or every seat of one department's liaison (部门联络员). */
export const CallTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('worker'), workerId: Id }).strict(),
  z.object({ kind: z.literal('department'), departmentCode: Id }).strict(),
]);
export type CallTarget = z.infer<typeof CallTarget>;

export const ParticipantState = z.enum(['ringing', 'joined', 'declined', 'missed', 'left']);
export type ParticipantState = z.infer<typeof ParticipantState>;

export const Participant = z.object({
  /** Stable within a call: `worker:<workerId>`, `seat:<seatId>`, or `department:<code>` while it rings. */
  key: Id,
  kind: z.enum(['worker', 'seat']),
  name: z.string().min(1),
  /** The seat's role, or grid_worker. */
  role: ActorRole,
  departmentCode: z.string().nullable(),
  state: ParticipantState,
  /** Why a participant left or never joined, in words (declined, no answer in 30 s, link lost…). */
  reason: z.string().nullable(),
  joinedAt: z.number().int().nullable(),
  leftAt: z.number().int().nullable(),
  /** What the participant sends now; paused = muted. */
  producers: z.array(z.object({ id: Id, kind: MediaKind, paused: z.boolean() })),
});
export type Participant = z.infer<typeof Participant>;

export const CallOutcome = z.enum(['completed', 'unanswered', 'declined', 'failed']);
export type CallOutcome = z.infer<typeof CallOutcome>;

export const CallInfo = z.object({
  id: Id,
  eventId: z.string().nullable(),
  title: z.string(),
  /** The participant key of whoever dialled. */
  initiator: Id,
  createdAt: z.number().int(),
  /** When the first invitee joined; null while nobody has. */
  answeredAt: z.number().int().nullable(),
  endedAt: z.number().int().nullable(),
  /** Set when the call ends. */
  outcome: CallOutcome.nullable(),
  participants: z.array(Participant),
});
export type CallInfo = z.infer<typeof CallInfo>;

// ---- requests a party makes of the hub ----

export const Hello = z.discriminatedUnion('as', [
  z.object({
    as: z.literal('seat'),
    seatId: Id,
    name: z.string().min(1).max(50),
    role: ActorRole.exclude(['grid_worker', 'system']),
    /** A department liaison's seat names its department, so department calls ring it. */
    departmentCode: z.string().min(1).nullable(),
  }).strict(),
  z.object({
    as: z.literal('worker'),
    workerId: Id,
    /** The demo county's PIN is the last four digits of the worker's phone number. */
    pin: z.string().min(1).max(20),
  }).strict(),
]);
export type Hello = z.infer<typeof Hello>;

/** Every request, by method: its params and what the hub answers. */
export const callMethods = {
  /** First message on a socket: who this is. Answers the calls this party is in or is rung by (to resume). */
  hello: {
    params: Hello,
    result: z.object({
      key: Id,
      name: z.string(),
      calls: z.array(CallInfo),
      /** A grid worker's own grid, which the field page shows; absent or null for seats. (Added by helper B.) */
      grid: z.object({ code: z.string().min(1), name: z.string().min(1) }).nullable().optional(),
    }),
  },
  /** A seat dials: rings every target, joins the dialler. Only duty commanders and directors dial. */
  'call.dial': {
    params: z.object({
      targets: z.array(CallTarget).min(1).max(16),
      eventId: z.string().min(1).nullable(),
      title: z.string().max(100),
    }).strict(),
    result: CallInfo,
  },
  /** Rings more parties into a running call (group dispatch). */
  'call.invite': { params: z.object({ callId: Id, targets: z.array(CallTarget).min(1).max(16) }).strict(), result: CallInfo },
  'call.answer': { params: z.object({ callId: Id }).strict(), result: CallInfo },
  'call.decline': { params: z.object({ callId: Id }).strict(), result: CallInfo },
  /** Leaves; when the initiator leaves, or nobody but the initiator is left or ringing, the call ends. */
  'call.leave': { params: z.object({ callId: Id }).strict(), result: CallInfo },
  /** The router's capabilities, to load a mediasoup-client Device. Only a joined participant asks. */
  'media.capabilities': { params: z.object({ callId: Id }).strict(), result: RtpCapabilities },
  'transport.create': {
    params: z.object({ callId: Id, direction: z.enum(['send', 'recv']) }).strict(),
    result: TransportInfo,
  },
  'transport.connect': { params: z.object({ transportId: Id, dtlsParameters: DtlsParameters }).strict(), result: z.object({}) },
  'transport.close': { params: z.object({ transportId: Id }).strict(), result: z.object({}) },
  produce: {
    params: z.object({ transportId: Id, kind: MediaKind, rtpParameters: RtpParameters }).strict(),
    result: z.object({ producerId: Id }),
  },
  /** Muting pauses the producer at the SFU, so nobody receives it. */
  'producer.pause': { params: z.object({ producerId: Id }).strict(), result: z.object({}) },
  'producer.resume': { params: z.object({ producerId: Id }).strict(), result: z.object({}) },
  'producer.close': { params: z.object({ producerId: Id }).strict(), result: z.object({}) },
  /** A consumer is created paused; resume it once the client has set it up. */
  consume: {
    params: z.object({ transportId: Id, producerId: Id, rtpCapabilities: RtpCapabilities }).strict(),
    result: ConsumerInfo,
  },
  'consumer.resume': { params: z.object({ consumerId: Id }).strict(), result: z.object({}) },
  /** Simulcast: 0 = the field's lowest layer (a small grid tile), 2 = the highest (maximised or on the wall). */
  'consumer.layers': { params: z.object({ consumerId: Id, spatialLayer: z.number().int().min(0).max(2) }).strict(), result: z.object({}) },
  'consumer.close': { params: z.object({ consumerId: Id }).strict(), result: z.object({}) },
  /** A field page's position fix; the hub's live feed then places the worker there. */
  position: {
    params: z.object({ position: LonLat, accuracyM: z.number().nonnegative().max(100_000).nullable() }).strict(),
    result: z.object({}),
  },
} as const;
export type CallMethod = keyof typeof callMethods;
export type CallParams<M extends CallMethod> = z.input<(typeof callMethods)[M]['params']>;
export type CallResult<M extends CallMethod> = z.infer<(typeof callMethods)[M]['result']>;
export const CallMethodName = z.enum(Object.keys(callMethods) as [CallMethod, ...CallMethod[]]);

// ---- frames on the socket ----

/** Client → hub. `params` is checked against callMethods[method] by the hub. */
export const CallRequestFrame = z.object({
  id: z.number().int().nonnegative(),
  method: z.string().min(1).max(40),
  params: z.unknown(),
}).strict();
export type CallRequestFrame = z.infer<typeof CallRequestFrame>;

export const CallErrorCode = z.enum([
  'bad_frame', 'unknown_method', 'bad_params', 'not_signed_in', 'forbidden', 'not_found', 'wrong_state', 'sfu_unavailable', 'internal',
]);
export type CallErrorCode = z.infer<typeof CallErrorCode>;

export const CallNotice = z.discriminatedUnion('notice', [
  /** You are rung: answer or decline. */
  z.object({ notice: z.literal('ring'), call: CallInfo }),
  /** A call you are in (or rung by) changed: who is in it, what they send, or that it ended. */
  z.object({ notice: z.literal('call'), call: CallInfo }),
  /** The SFU closed a consumer of yours (its producer went away). */
  z.object({ notice: z.literal('consumer.closed'), consumerId: Id }),
]);
export type CallNotice = z.infer<typeof CallNotice>;

/** Hub → client: an answer to a request (id), or a notice. */
export const CallServerFrame = z.union([
  z.object({ id: z.number().int().nonnegative(), ok: z.literal(true), result: z.unknown() }),
  z.object({ id: z.number().int().nonnegative().nullable(), ok: z.literal(false), error: z.object({ code: CallErrorCode, message: z.string() }) }),
  CallNotice,
]);
export type CallServerFrame = z.infer<typeof CallServerFrame>;

/** The participant key of a party. */
export function participantKey(kind: 'worker' | 'seat' | 'department', id: string): string {
  return `${kind}:${id}`;
}
