// The field page's state: the worker's link to the hub's call socket (sign-in, reconnect with backoff and
// re-hello), the calls the hub reports, the media of the call in progress and position sharing.
import { defineStore } from 'pinia';
import { computed, markRaw, ref, shallowRef } from 'vue';
import { CallClient, CallClientError } from '../../native/calls/call-client.js';
import { CALLS_PATH, CLOSE_REPLACED, type CallInfo, type CallNotice } from '../../native/calls/protocol.js';
import type { MediaSession } from '../../renderer/src/calls/media-session.js';
import { openCamera, openLocalMedia, type FacingMode } from '../../renderer/src/calls/local-media.js';
import { endReason, joinedCall, phoneReceives, ringingCall, type EndReason } from './call-view.js';
import { shouldSend, type SentFix } from './position-throttle.js';
import { RingTone } from './ring-tone.js';

export interface Credentials {
  workerId: string;
  pin: string;
}

export interface Identity {
  key: string;
  workerId: string;
  name: string;
  grid: { code: string; name: string } | null;
}

export interface Fix {
  position: [number, number];
  accuracyM: number | null;
  at: number;
}

export interface EndedCall {
  call: CallInfo;
  reason: EndReason;
}

export type Screen = 'signIn' | 'idle' | 'ringing' | 'call' | 'ended';
export type PositionProblem = 'denied' | 'unavailable' | 'insecure' | null;

/** The tab keeps its sign-in (not the phone): a reload rejoins, a closed tab forgets the PIN. */
const CREDENTIALS_KEY = 'watchfloor.field.credentials';
const SHARING_KEY = 'watchfloor.field.sharePosition';

function hubSocketUrl(): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}${CALLS_PATH}`;
}

/** Exponential with jitter, 0.5 s up to 15 s: phones that lost the hub together do not return in step. */
function reconnectDelay(attempt: number): number {
  const step = Math.min(15_000, 500 * 2 ** Math.min(attempt, 5));
  return step / 2 + (step / 2) * Math.random();
}

function storedCredentials(): Credentials | null {
  try {
    const raw = JSON.parse(sessionStorage.getItem(CREDENTIALS_KEY) ?? 'null') as Partial<Credentials> | null;
    return typeof raw?.workerId === 'string' && typeof raw.pin === 'string' ? { workerId: raw.workerId, pin: raw.pin } : null;
  } catch {
    return null;
  }
}

function storeCredentials(credentials: Credentials | null): void {
  try {
    if (credentials) sessionStorage.setItem(CREDENTIALS_KEY, JSON.stringify(credentials));
    else sessionStorage.removeItem(CREDENTIALS_KEY);
  } catch {
    // Without storage a reload asks for the PIN again; nothing else depends on it.
  }
}

export const useFieldStore = defineStore('field', () => {
  const identity = ref<Identity | null>(null);
  const online = ref(false);
  const signingIn = ref(false);
  /** The hub's or the link's words on the last failed sign-in ("中文 / English"), or a message key. */
  const signInError = ref<string | null>(null);
  const calls = ref<Record<string, CallInfo>>({});
  const ended = ref<EndedCall | null>(null);
  const ring = markRaw(new RingTone());

  // Media of the call in progress (plain objects: never made deep-reactive).
  const media = shallowRef<MediaSession | null>(null);
  const localStream = shallowRef<MediaStream | null>(null);
  const mediaProblem = ref<string | null>(null);
  const mediaError = ref<string | null>(null);
  /** Bumped whenever a received stream appears or goes, so views re-read MediaSession.streamOf. */
  const remoteVersion = ref(0);
  const muted = ref(false);
  const facing = ref<FacingMode>('user');

  const sharing = ref(readSharing());
  const lastFix = ref<Fix | null>(null);
  const lastSent = ref<SentFix | null>(null);
  const positionProblem = ref<PositionProblem>(null);

  let client: CallClient | null = null;
  let credentials: Credentials | null = null;
  let reconnectAttempt = 0;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  let watchId: number | null = null;
  /** What this page did last to the current call, which the hub reports only as left/declined. */
  let byMe: 'hungUp' | 'declined' | null = null;
  let mediaCallId: string | null = null;

  const ringing = computed(() => (identity.value ? ringingCall(Object.values(calls.value), identity.value.key) : null));
  const active = computed(() => (identity.value ? joinedCall(Object.values(calls.value), identity.value.key) : null));
  const screen = computed<Screen>(() => {
    if (!identity.value) return 'signIn';
    if (active.value) return 'call';
    if (ringing.value) return 'ringing';
    if (ended.value) return 'ended';
    return 'idle';
  });

  function readSharing(): boolean {
    try {
      return localStorage.getItem(SHARING_KEY) !== 'off';
    } catch {
      return true;
    }
  }

  /** Opens a socket and says hello; resolves with the hub's answer or rejects with the reason. */
  async function connect(creds: Credentials): Promise<void> {
    const next = new CallClient(new WebSocket(hubSocketUrl()));
    next.onNotice(onNotice);
    try {
      const hello = await next.request('hello', { as: 'worker', workerId: creds.workerId, pin: creds.pin });
      const old = client;
      client = next;
      old?.close();
      next.onClose(({ code }) => {
        if (client !== next) return;
        if (code !== CLOSE_REPLACED) return linkDropped();
        // Signed in again elsewhere (another tab or phone): that one keeps the identity, this one stops.
        signOut();
        signInError.value = 'signIn.replaced';
      });
      identity.value = { key: hello.key, workerId: creds.workerId, name: hello.name, grid: hello.grid ?? null };
      calls.value = Object.fromEntries(hello.calls.map((c) => [c.id, c]));
      online.value = true;
      reconnectAttempt = 0;
      updateRing();
      startSharing();
    } catch (error) {
      next.close();
      throw error;
    }
  }

  async function signIn(creds: Credentials): Promise<void> {
    ring.unlock();
    signInError.value = null;
    signingIn.value = true;
    try {
      await connect(creds);
      credentials = creds;
      storeCredentials(creds);
    } catch (error) {
      signInError.value = error instanceof CallClientError && error.code === 'forbidden' ? error.message : 'signIn.unreachable';
    } finally {
      signingIn.value = false;
    }
  }

  /** After a reload: the tab's stored sign-in, tried once; a failure shows the sign-in form. */
  async function resume(): Promise<void> {
    const creds = storedCredentials();
    if (!creds) return;
    credentials = creds;
    signingIn.value = true;
    try {
      await connect(creds);
    } catch (error) {
      if (error instanceof CallClientError && error.code === 'forbidden') return signOut();
      // The hub is down: keep trying in the background, the form shows meanwhile.
      scheduleReconnect();
    } finally {
      signingIn.value = false;
    }
  }

  function signOut(): void {
    credentials = null;
    storeCredentials(null);
    if (reconnectTimer) clearTimeout(reconnectTimer);
    reconnectTimer = null;
    const old = client;
    client = null;
    old?.close();
    void stopMedia();
    stopSharing();
    ring.stop();
    identity.value = null;
    online.value = false;
    calls.value = {};
    ended.value = null;
  }

  function linkDropped(): void {
    online.value = false;
    client = null;
    // The hub ends this worker's part in every call when its socket drops ("link lost").
    const current = active.value ?? ringing.value;
    if (current) ended.value = { call: current, reason: endReason(current, identity.value?.key ?? '', byMe, true) };
    calls.value = {};
    updateRing();
    void stopMedia();
    scheduleReconnect();
  }

  function scheduleReconnect(): void {
    if (!credentials || reconnectTimer) return;
    const creds = credentials;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      connect(creds).catch((error: unknown) => {
        // The PIN no longer holds (the worker was removed or changed): back to the sign-in form.
        if (error instanceof CallClientError && error.code === 'forbidden') return signOut();
        reconnectAttempt += 1;
        scheduleReconnect();
      });
    }, reconnectDelay(reconnectAttempt));
  }

  function onNotice(notice: CallNotice): void {
    if (notice.notice === 'consumer.closed') return; // the `call` notice that follows drops it from the session
    const self = identity.value?.key;
    if (!self) return;
    const call = notice.call;
    const wasCurrent = active.value?.id === call.id || ringing.value?.id === call.id;
    const me = call.participants.find((p) => p.key === self);
    const live = call.endedAt === null && (me?.state === 'ringing' || me?.state === 'joined');
    if (live) {
      calls.value = { ...calls.value, [call.id]: call };
      if (call.id === mediaCallId) void media.value?.sync(call, phoneReceives(call, self)).catch(showMediaError);
    } else {
      const rest = { ...calls.value };
      delete rest[call.id];
      calls.value = rest;
      if (wasCurrent) {
        ended.value = { call, reason: endReason(call, self, byMe, false) };
        if (call.id === mediaCallId) void stopMedia();
      }
    }
    updateRing();
  }

  function updateRing(): void {
    if (ringing.value && !active.value) ring.start();
    else ring.stop();
  }

  function request(): CallClient {
    if (!client) throw new CallClientError('closed', '与调度服务的连接已断开 / link to the dispatch service closed');
    return client;
  }

  async function answer(callId: string): Promise<void> {
    byMe = null;
    ended.value = null;
    ring.stop();
    const link = request();
    const call = await link.request('call.answer', { callId });
    calls.value = { ...calls.value, [call.id]: call };
    await startMedia(link, call);
  }

  async function decline(callId: string): Promise<void> {
    byMe = 'declined';
    ring.stop();
    const call = await request().request('call.decline', { callId });
    onNotice({ notice: 'call', call });
  }

  async function hangUp(): Promise<void> {
    const call = active.value;
    if (!call) return;
    byMe = 'hungUp';
    const left = await request().request('call.leave', { callId: call.id });
    onNotice({ notice: 'call', call: left });
  }

  function dismissEnded(): void {
    ended.value = null;
    byMe = null;
  }

  async function startMedia(link: CallClient, call: CallInfo): Promise<void> {
    const self = identity.value?.key;
    if (!self) return;
    mediaCallId = call.id;
    mediaError.value = null;
    muted.value = false;
    const local = await openLocalMedia(facing.value);
    // Loaded on the first answer: mediasoup-client is most of the page's script, and sign-in need not wait for it.
    const { MediaSession } = await import('../../renderer/src/calls/media-session.js');
    // The call may have ended while the camera opened: then nothing of it may stay on.
    if (mediaCallId !== call.id) {
      for (const track of local.stream?.getTracks() ?? []) track.stop();
      return;
    }
    localStream.value = local.stream;
    mediaProblem.value = local.message;
    const session = new MediaSession({ callId: call.id, selfKey: self, signal: (method, params) => link.request(method, params), simulcast: true });
    media.value = markRaw(session);
    session.onChange(() => { remoteVersion.value += 1; });
    try {
      await session.start();
      if (local.stream) await session.publish(local.stream);
      // The freshest the page knows: the hub's notices may have moved on while the transports were set up.
      const now = calls.value[call.id] ?? call;
      await session.sync(now, phoneReceives(now, self));
    } catch (error) {
      showMediaError(error);
    }
  }

  function showMediaError(error: unknown): void {
    mediaError.value = error instanceof Error ? error.message : String(error);
  }

  async function stopMedia(): Promise<void> {
    const session = media.value;
    mediaCallId = null;
    media.value = null;
    for (const track of localStream.value?.getTracks() ?? []) track.stop();
    localStream.value = null;
    remoteVersion.value += 1;
    await session?.close();
  }

  async function toggleMute(): Promise<void> {
    const next = !muted.value;
    await media.value?.setMuted('audio', next);
    muted.value = next;
  }

  async function switchCamera(): Promise<void> {
    const next: FacingMode = facing.value === 'user' ? 'environment' : 'user';
    const track = await openCamera(next);
    const stream = localStream.value;
    const old = stream?.getVideoTracks() ?? [];
    await media.value?.replaceVideoTrack(track);
    for (const t of old) t.stop();
    // A new stream object, so the preview element picks the new camera up.
    localStream.value = new MediaStream([...(stream?.getAudioTracks() ?? []), track]);
    facing.value = next;
  }

  function setSharing(on: boolean): void {
    sharing.value = on;
    try {
      localStorage.setItem(SHARING_KEY, on ? 'on' : 'off');
    } catch {
      // Remembered for this visit only.
    }
    if (on) startSharing();
    else stopSharing();
  }

  function startSharing(): void {
    if (!sharing.value || watchId !== null) return;
    if (!window.isSecureContext || !('geolocation' in navigator)) {
      positionProblem.value = 'insecure';
      return;
    }
    positionProblem.value = null;
    watchId = navigator.geolocation.watchPosition(onFix, (error) => {
      positionProblem.value = error.code === error.PERMISSION_DENIED ? 'denied' : 'unavailable';
    }, { enableHighAccuracy: true, maximumAge: 5_000 });
  }

  function stopSharing(): void {
    if (watchId !== null) navigator.geolocation.clearWatch(watchId);
    watchId = null;
  }

  function onFix(fix: GeolocationPosition): void {
    positionProblem.value = null;
    const position: [number, number] = [fix.coords.longitude, fix.coords.latitude];
    const at = Date.now();
    lastFix.value = { position, accuracyM: Number.isFinite(fix.coords.accuracy) ? fix.coords.accuracy : null, at };
    if (!client || !shouldSend(lastSent.value, position, at)) return;
    const accuracyM = lastFix.value.accuracyM === null ? null : Math.min(100_000, Math.round(lastFix.value.accuracyM));
    client.request('position', { position, accuracyM })
      .then(() => { lastSent.value = { position, at }; })
      .catch(() => undefined); // the next fix tries again; a dropped link reconnects on its own
  }

  return {
    identity, online, signingIn, signInError, calls, ended, ringing, active, screen,
    media, localStream, mediaProblem, mediaError, remoteVersion, muted, facing,
    sharing, lastFix, lastSent, positionProblem,
    signIn, resume, signOut, answer, decline, hangUp, dismissEnded, toggleMute, switchCamera, setSharing,
  };
});
