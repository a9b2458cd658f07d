// Video dispatch (视频调度) at the seat: the station's calls state (topic 'calls'), the rings waiting for an
// answer, and the media of the one call this seat is joined in — its MediaSession and local camera. The call
// itself lives at the station, so after a reload this store finds it there and rejoins its media.
import { defineStore } from 'pinia';
import { computed, markRaw, ref, shallowRef } from 'vue';
import { SFU_METHODS, type CallLogRow, type CallsStatus, type SfuMethod, type SfuRequest } from '../../../native/api/contract';
import type { CallInfo, CallMethod, CallResult, CallTarget, Participant } from '../../../native/calls/protocol';
import { MediaSession, type MediaSignal } from '../calls/media-session';
import { openLocalMedia } from '../calls/local-media';
import { installCallsProbe } from '../calls/probe';
import { stationClient } from '../transport/connect';
import { busyRunner, errorText } from './request-state';

const isSfu = (m: CallMethod): m is SfuMethod => (SFU_METHODS as readonly string[]).includes(m);

/** The seat's signalling for a MediaSession: every media request goes through the station's call link. */
export const stationSignal: MediaSignal = async (method, params) => {
  if (!isSfu(method)) throw new Error(`${method} is not a media request`);
  // The request pairs method and params as the contract's union wants; TypeScript cannot follow the generic.
  const answer = await stationClient().request('calls.sfu', { method, params } as SfuRequest);
  if (answer.method !== method) throw new Error(`calls.sfu: asked ${method}, answered ${answer.method}`);
  return answer.result as CallResult<typeof method>;
};

export function me(call: CallInfo, selfKey: string | null): Participant | undefined {
  return call.participants.find((p) => p.key === selfKey);
}

export const useCallsStore = defineStore('calls', () => {
  const status = shallowRef<CallsStatus | null>(null);
  const session = shallowRef<MediaSession | null>(null);
  const local = shallowRef<MediaStream | null>(null);
  /** Why the camera or microphone is missing, in words; null when both opened. */
  const mediaProblem = ref<string | null>(null);
  const micMuted = ref(false);
  const cameraOff = ref(false);
  /** Bumped when a remote stream appears or goes, so tiles re-read streamOf. */
  const streamsVersion = ref(0);
  const maximised = ref<string | null>(null);
  /** The call this seat was last in, as the log has it once it ended: why it ended stays readable until dismissed. */
  const ended = shallowRef<CallLogRow | null>(null);
  const error = ref<string | null>(null);
  const busy = ref(false);
  const run = busyRunner(busy, error);

  const selfKey = computed(() => status.value?.selfKey ?? null);
  const available = computed(() => status.value?.available === true);
  /** The call this seat is joined in (one at a time). */
  const active = computed(() => status.value?.calls.find((c) => me(c, selfKey.value)?.state === 'joined') ?? null);
  /** Calls ringing this seat. */
  const incoming = computed(() => status.value?.calls.filter((c) => me(c, selfKey.value)?.state === 'ringing') ?? []);

  let mediaFor: string | null = null;
  let stopChange: (() => void) | null = null;

  async function startMedia(call: CallInfo, key: string): Promise<void> {
    mediaFor = call.id;
    const s = markRaw(new MediaSession({ callId: call.id, selfKey: key, signal: stationSignal }));
    stopChange = s.onChange(() => streamsVersion.value++);
    session.value = s;
    try {
      await s.start();
      const opened = await openLocalMedia('user');
      mediaProblem.value = opened.message;
      if (opened.stream) {
        local.value = markRaw(opened.stream);
        await s.publish(opened.stream);
      }
      // The call as it is now: its 'calls' updates may have moved on while the camera opened, and an older
      // snapshot would drop what they brought.
      const now = active.value;
      await s.sync(now?.id === call.id ? now : call);
    } catch (err) {
      error.value = errorText(err);
    }
  }

  async function stopMedia(): Promise<void> {
    const s = session.value;
    mediaFor = null;
    session.value = null;
    stopChange?.();
    stopChange = null;
    for (const track of local.value?.getTracks() ?? []) track.stop();
    local.value = null;
    micMuted.value = false;
    cameraOff.value = false;
    maximised.value = null;
    await s?.close().catch(() => undefined);
  }

  /** The media follows the station's state: start on joining, follow others' producers, stop on leaving. */
  function follow(): void {
    const call = active.value;
    const key = selfKey.value;
    if (!call || !key) {
      if (mediaFor !== null) {
        void showEnded(mediaFor);
        void stopMedia();
      }
      return;
    }
    if (mediaFor !== call.id) {
      ended.value = null;
      void (async () => {
        if (mediaFor !== null) await stopMedia();
        await startMedia(call, key);
      })();
      return;
    }
    void session.value?.sync(call).catch((err: unknown) => {
      error.value = errorText(err);
    });
  }

  async function showEnded(callId: string): Promise<void> {
    try {
      ended.value = (await stationClient().request('calls.log', { limit: 20 })).find((r) => r.id === callId) ?? null;
    } catch {
      ended.value = null;
    }
  }

  function put(next: CallsStatus): void {
    status.value = markRaw(next);
    follow();
  }

  async function load(): Promise<void> {
    try {
      put(await stationClient().request('calls.status'));
    } catch (err) {
      error.value = errorText(err);
    }
  }

  let started = false;
  function start(): void {
    if (started) return;
    started = true;
    installCallsProbe(() => session.value);
    const c = stationClient();
    c.subscribe('calls', put);
    c.onState((s) => {
      if (s === 'open') void load();
    });
    if (c.state === 'open') void load();
  }

  /** A CallInfo answered by the station, folded in at once (its 'calls' event may come a moment later). */
  function took(call: CallInfo | null): CallInfo | null {
    if (!call || !status.value) return call;
    const calls = status.value.calls.filter((c) => c.id !== call.id);
    const still = me(call, selfKey.value);
    if (call.endedAt === null && (still?.state === 'joined' || still?.state === 'ringing')) calls.push(call);
    // A dial whose every party was unreachable has ended by the time it answers: say why at once.
    else if (call.endedAt !== null && call.initiator === selfKey.value) ended.value = markRaw({ ...call, durationS: null });
    put({ ...status.value, calls });
    return call;
  }

  const dial = async (targets: CallTarget[], eventId: string | null, title: string): Promise<CallInfo | null> =>
    took(await run(() => stationClient().request('calls.dial', { targets, eventId, title })));
  const invite = async (targets: CallTarget[]): Promise<CallInfo | null> => {
    const call = active.value;
    return call ? took(await run(() => stationClient().request('calls.invite', { callId: call.id, targets }))) : null;
  };
  const answer = async (callId: string): Promise<CallInfo | null> => took(await run(() => stationClient().request('calls.answer', { callId })));
  const decline = async (callId: string): Promise<CallInfo | null> => took(await run(() => stationClient().request('calls.decline', { callId })));
  const hangUp = async (): Promise<CallInfo | null> => {
    const call = active.value;
    return call ? took(await run(() => stationClient().request('calls.leave', { callId: call.id }))) : null;
  };

  async function toggleMic(): Promise<void> {
    if (!session.value) return;
    const next = !micMuted.value;
    await run(async () => session.value?.setMuted('audio', next));
    micMuted.value = session.value?.isMuted('audio') ?? next;
  }
  async function toggleCamera(): Promise<void> {
    if (!session.value) return;
    const next = !cameraOff.value;
    await run(async () => session.value?.setMuted('video', next));
    cameraOff.value = session.value?.isMuted('video') ?? next;
  }

  /** Maximising a participant asks the SFU for its top layer; back in the grid, the lowest. */
  function maximise(key: string | null): void {
    const previous = maximised.value;
    maximised.value = key;
    if (previous) void session.value?.setLayer(previous, 0).catch(() => undefined);
    if (key) void session.value?.setLayer(key, 2).catch(() => undefined);
  }

  function streamOf(key: string): MediaStream | null {
    // Read for reactivity: a tile re-renders when streams change.
    void streamsVersion.value;
    return session.value?.streamOf(key) ?? null;
  }

  return {
    status, available, selfKey, active, incoming, local, mediaProblem, micMuted, cameraOff, maximised, error, busy, ended,
    dismissEnded: () => {
      ended.value = null;
    },
    start, load, dial, invite, answer, decline, hangUp, toggleMic, toggleCamera, maximise, streamOf,
  };
});
