// Dispatch-call signalling (视频调度) against a real hub with a real mediasoup worker, parties being bare
// `ws` clients: who may sign in, how calls ring and end, transports/producers/consumers on the SFU and that
// they all go with the call, a worker's link dropping, malformed frames, the field page files, and a hub
// whose SFU cannot load.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type Hub } from '../../hub/server.js';
import { fixtureCounty } from '../../hub/test-fixture.js';
import { REASONS } from '../../hub/calls/call-desk.js';
import { MAX_CALL_FRAME } from '../../hub/calls/call-server.js';
import { CLOSE_REPLACED } from '../../native/calls/protocol.js';
import type { CallInfo, CallNotice, CallParams, DtlsParameters, RtpParameters } from '../../native/calls/protocol.js';
import { CallSocket } from '../support/call-socket.js';
import { alive } from '../support/process-alive.js';
import { eventually } from './wait.js';

const county = fixtureCounty();
const [W1, W2, W3] = county.workers;
const RING_MS = 4000;
/** Short, so a silent phone is cut within the test; long enough that a busy 2-core box still answers pings. */
const KEEP_ALIVE_MS = 1000;
/** Hubs start from a template cache; a cold one runs initdb first (seconds, more on a busy 2-core box). */
const HUB_START_TIMEOUT = 60_000;

const pinOf = (w: { phone: string }) => w.phone.slice(-4);
const COMMANDER = { as: 'seat', seatId: 'cmd-1', name: '值班长张', role: 'duty_commander', departmentCode: null } as const;

let hub: Hub;
let fieldDir: string;
const sockets: CallSocket[] = [];

async function party(hello: CallParams<'hello'>): Promise<CallSocket> {
  const s = await CallSocket.open(hub.url);
  sockets.push(s);
  await s.request('hello', hello);
  return s;
}

const worker = (w: typeof W1) => party({ as: 'worker', workerId: w!.id, pin: pinOf(w!) });

function stateOf(call: CallInfo, key: string): string | undefined {
  const p = call.participants.find((x) => x.key === key);
  return p && `${p.state}${p.reason ? ` (${p.reason})` : ''}`;
}

const callNotice = (callId: string, accept: (c: CallInfo) => boolean) =>
  (n: CallNotice): n is Extract<CallNotice, { notice: 'call' }> => n.notice === 'call' && n.call.id === callId && accept(n.call);
const ringNotice = (n: CallNotice): n is Extract<CallNotice, { notice: 'ring' }> => n.notice === 'ring';

/** What a browser's VP8 sender would declare, simulcast in three layers, without sending a packet. */
function vp8Simulcast(mid: string): RtpParameters {
  return {
    mid,
    codecs: [
      { mimeType: 'video/VP8', payloadType: 96, clockRate: 90000, rtcpFeedback: [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }, { type: 'ccm', parameter: 'fir' }, { type: 'goog-remb' }] },
      { mimeType: 'video/rtx', payloadType: 97, clockRate: 90000, parameters: { apt: 96 } },
    ],
    headerExtensions: [
      { uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', id: 1 },
      { uri: 'urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id', id: 2 },
      { uri: 'urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id', id: 3 },
    ],
    encodings: [
      { rid: 'r0', scalabilityMode: 'L1T3', maxBitrate: 150_000 },
      { rid: 'r1', scalabilityMode: 'L1T3', maxBitrate: 500_000 },
      { rid: 'r2', scalabilityMode: 'L1T3', maxBitrate: 1_500_000 },
    ],
    rtcp: { cname: `test-${mid}`, reducedSize: true },
  };
}

function opus(mid: string, ssrc: number): RtpParameters {
  return {
    mid,
    codecs: [{ mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2, parameters: { useinbandfec: 1 } }],
    headerExtensions: [{ uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', id: 1 }],
    encodings: [{ ssrc }],
    rtcp: { cname: `test-${mid}` },
  };
}

const DTLS: DtlsParameters = {
  role: 'client',
  fingerprints: [{ algorithm: 'sha-256', value: Array.from({ length: 32 }, (_, i) => (i * 7 + 16).toString(16).toUpperCase().padStart(2, '0')).join(':') }],
};

/** Dials a worker and has them answer: both sockets joined in one call. */
async function connected(w = W1): Promise<{ cmd: CallSocket; field: CallSocket; call: CallInfo }> {
  const cmd = await party(COMMANDER);
  const field = await worker(w);
  const dialled = await cmd.request('call.dial', { targets: [{ kind: 'worker', workerId: w!.id }], eventId: null, title: '现场核查' });
  const ring = await field.notice(ringNotice, 'the ring');
  expect(ring.call.id).toBe(dialled.id);
  const call = await field.request('call.answer', { callId: dialled.id });
  return { cmd, field, call };
}

beforeAll(async () => {
  fieldDir = mkdtempSync(join(tmpdir(), 'watchfloor-field-'));
  hub = await startHub({
    port: 0, county, dataDir: null, historyEvents: 0,
    positionIntervalMs: 60_000, eventIntervalMs: 600_000, workerWriteBackMs: 600_000, fieldIntervalMs: 600_000,
    calls: { ringMs: RING_MS, fieldDir, keepAliveMs: KEEP_ALIVE_MS },
  });
}, HUB_START_TIMEOUT);

afterEach(async () => {
  await Promise.all(sockets.splice(0).map((s) => (s.open ? s.close() : s.closed)));
  // Every party gone: the desk ends their calls and the SFU holds nothing.
  await eventually(() => hub.calls.live().length === 0, 10_000, 'every call to end');
});

afterAll(async () => {
  const pid = hub?.calls.stats().workerPid;
  await hub?.close();
  if (pid) expect(alive(pid)).toBe(false);
  rmSync(fieldDir, { recursive: true, force: true });
});

describe('signing in on the call socket', () => {
  it('the first request must be hello; a worker signs in with the last four digits of their phone', async () => {
    const s = await CallSocket.open(hub.url);
    sockets.push(s);
    expect(await s.refusal('call.dial', { targets: [{ kind: 'worker', workerId: W1!.id }], eventId: null, title: '' })).toMatchObject({ code: 'not_signed_in' });
    expect(await s.refusal('hello', { as: 'worker', workerId: W1!.id, pin: '9999' })).toEqual({ code: 'forbidden', message: 'PIN 不正确 / wrong PIN for this worker' });
    expect(await s.refusal('hello', { as: 'worker', workerId: 'W-nobody', pin: '0000' })).toMatchObject({ code: 'forbidden', message: expect.stringContaining('W-nobody') });
    expect(await s.refusal('hello', { as: 'seat', seatId: 's', name: 'x', role: 'grid_worker', departmentCode: null })).toMatchObject({ code: 'bad_params' });
    const hello = await s.request('hello', { as: 'worker', workerId: W1!.id, pin: pinOf(W1!) });
    const grid = county.grids.find((g) => g.code === W1!.gridCode)!;
    expect(hello).toEqual({ key: `worker:${W1!.id}`, name: W1!.name, grid: { code: grid.code, name: grid.name }, calls: [] });
  });

  it('a second sign-in for the same identity replaces the first socket, and the calls stay', async () => {
    const { cmd, call } = await connected();
    const again = await party(COMMANDER);
    const hello = await again.request('hello', COMMANDER);
    expect(hello.calls.map((c) => c.id)).toEqual([call.id]);
    expect(await cmd.closed).toEqual({ code: CLOSE_REPLACED, reason: 'signed in again on another connection' });
    // The replaced socket's close did not take the commander out of the call.
    expect(stateOf(hub.calls.live()[0]!, 'seat:cmd-1')).toBe('joined');
    await again.request('call.leave', { callId: call.id });
  });

  it('only duty commanders and directors dial', async () => {
    const liaison = await party({ as: 'seat', seatId: 'liaison-1', name: '联络员', role: 'department_liaison', departmentCode: 'urban_mgmt' });
    const field = await worker(W1);
    for (const s of [liaison, field]) {
      expect(await s.refusal('call.dial', { targets: [{ kind: 'worker', workerId: W2!.id }], eventId: null, title: '' })).toMatchObject({ code: 'forbidden' });
    }
    const cmd = await party(COMMANDER);
    expect(await cmd.refusal('call.dial', { targets: [{ kind: 'worker', workerId: 'W-nobody' }], eventId: null, title: '' })).toMatchObject({ code: 'not_found' });
    expect(hub.calls.stats()).toMatchObject({ routers: 0 });
  });
});

describe('ringing and outcomes', () => {
  it('decline ends a one-to-one call as declined, and the commander is told', async () => {
    const cmd = await party(COMMANDER);
    const field = await worker(W1);
    const call = await cmd.request('call.dial', { targets: [{ kind: 'worker', workerId: W1!.id }], eventId: 'EV1', title: '核查' });
    expect(stateOf(call, `worker:${W1!.id}`)).toBe('ringing');
    await field.notice(ringNotice, 'the ring');
    const declined = await field.request('call.decline', { callId: call.id });
    expect(declined.outcome).toBe('declined');
    const told = await cmd.notice(callNotice(call.id, (c) => c.endedAt !== null), 'the end of the call');
    expect(told.call).toMatchObject({ outcome: 'declined', eventId: 'EV1' });
    expect(stateOf(told.call, `worker:${W1!.id}`)).toBe(`declined (${REASONS.declined})`);
    expect(hub.calls.stats()).toMatchObject({ routers: 0, transports: 0 });
  });

  it('an offline worker is missed at once; a department with no liaison seat online too', async () => {
    const cmd = await party(COMMANDER);
    const call = await cmd.request('call.dial', {
      targets: [{ kind: 'worker', workerId: W2!.id }, { kind: 'department', departmentCode: 'urban_mgmt' }], eventId: null, title: '',
    });
    expect(call.outcome).toBe('unanswered');
    expect(stateOf(call, `worker:${W2!.id}`)).toBe(`missed (${REASONS.workerOffline})`);
    expect(stateOf(call, 'department:urban_mgmt')).toBe(`missed (${REASONS.noLiaison})`);
    expect(call.participants.find((p) => p.key === 'department:urban_mgmt')?.name).toBe('城市管理局');
  });

  it(`nobody answering within the ring time is missed and the call ends unanswered`, async () => {
    const cmd = await party(COMMANDER);
    const field = await worker(W1);
    const call = await cmd.request('call.dial', { targets: [{ kind: 'worker', workerId: W1!.id }], eventId: null, title: '' });
    const end = await field.notice(callNotice(call.id, (c) => c.endedAt !== null), 'the ring to run out');
    expect(end.call.outcome).toBe('unanswered');
    expect(stateOf(end.call, `worker:${W1!.id}`)).toBe(`missed (${REASONS.noAnswer(RING_MS)})`);
    expect(await field.refusal('call.answer', { callId: call.id })).toMatchObject({ code: 'wrong_state' });
  });

  it('a department call rings its liaison seat; a group call ends completed when the commander hangs up', async () => {
    const cmd = await party(COMMANDER);
    const liaison = await party({ as: 'seat', seatId: 'liaison-1', name: '城管联络员', role: 'department_liaison', departmentCode: 'urban_mgmt' });
    const f1 = await worker(W1);
    const f2 = await worker(W2);
    const call = await cmd.request('call.dial', {
      targets: [{ kind: 'worker', workerId: W1!.id }, { kind: 'worker', workerId: W2!.id }, { kind: 'department', departmentCode: 'urban_mgmt' }],
      eventId: null, title: '群组调度',
    });
    for (const s of [liaison, f1, f2]) await s.notice(ringNotice, 'the ring');
    await liaison.request('call.answer', { callId: call.id });
    await f1.request('call.answer', { callId: call.id });
    await f2.request('call.decline', { callId: call.id });
    const f3 = await worker(W3);
    await cmd.request('call.invite', { callId: call.id, targets: [{ kind: 'worker', workerId: W3!.id }] });
    await f3.notice(ringNotice, 'the invitation');
    const ended = await cmd.request('call.leave', { callId: call.id });
    expect(ended.outcome).toBe('completed');
    expect(Object.fromEntries(ended.participants.map((p) => [p.key, p.state]))).toEqual({
      'seat:cmd-1': 'left', 'seat:liaison-1': 'left', [`worker:${W1!.id}`]: 'left', [`worker:${W2!.id}`]: 'declined', [`worker:${W3!.id}`]: 'missed',
    });
    await f3.notice(callNotice(call.id, (c) => c.endedAt !== null), 'the invited worker told the call ended');
  });
});

describe('media on the SFU', () => {
  it('transports, producers and paused consumers for joined parties; hang-up closes everything', async () => {
    const { cmd, field, call } = await connected();
    const caps = await field.request('media.capabilities', { callId: call.id });
    expect(caps.codecs?.map((c) => c.mimeType)).toEqual(expect.arrayContaining(['audio/opus', 'video/VP8', 'video/H264']));
    const send = await field.request('transport.create', { callId: call.id, direction: 'send' });
    expect(send.iceCandidates.length).toBeGreaterThan(0);
    expect(send.iceCandidates.every((c) => c.ip === '127.0.0.1')).toBe(true);
    expect(new Set(send.iceCandidates.map((c) => c.protocol))).toEqual(new Set(['udp', 'tcp']));
    await field.request('transport.connect', { transportId: send.id, dtlsParameters: DTLS });
    const before = cmd.notices.length;
    const video = await field.request('produce', { transportId: send.id, kind: 'video', rtpParameters: vp8Simulcast('0') });
    const audio = await field.request('produce', { transportId: send.id, kind: 'audio', rtpParameters: opus('1', 22222222) });
    const told = await cmd.notice(callNotice(call.id, (c) => c.participants.some((p) => p.producers.length === 2)), 'the worker’s producers', before);
    expect(told.call.participants.find((p) => p.key === `worker:${W1!.id}`)?.producers).toEqual([
      { id: video.producerId, kind: 'video', paused: false }, { id: audio.producerId, kind: 'audio', paused: false },
    ]);

    // The commander receives both, paused until resumed; the wide picture is asked for by layer.
    const cmdCaps = await cmd.request('media.capabilities', { callId: call.id });
    const recv = await cmd.request('transport.create', { callId: call.id, direction: 'recv' });
    await cmd.request('transport.connect', { transportId: recv.id, dtlsParameters: DTLS });
    const vc = await cmd.request('consume', { transportId: recv.id, producerId: video.producerId, rtpCapabilities: cmdCaps });
    expect(vc).toMatchObject({ producerId: video.producerId, kind: 'video' });
    expect(vc.rtpParameters.codecs[0]?.mimeType).toBe('video/VP8');
    const ac = await cmd.request('consume', { transportId: recv.id, producerId: audio.producerId, rtpCapabilities: cmdCaps });
    await cmd.request('consumer.resume', { consumerId: vc.id });
    await cmd.request('consumer.layers', { consumerId: vc.id, spatialLayer: 0 });
    expect(hub.calls.stats()).toMatchObject({ routers: 1, transports: 2, producers: 2, consumers: 2 });
    expect(hub.calls.stats().workerPid).toBeGreaterThan(0);
    expect(await hub.calls.cpuMs()).toBeGreaterThan(0);

    // Muting pauses the producer at the SFU and everyone sees it.
    const mark = cmd.notices.length;
    await field.request('producer.pause', { producerId: audio.producerId });
    const muted = await cmd.notice(callNotice(call.id, (c) => c.participants.some((p) => p.producers.some((x) => x.kind === 'audio' && x.paused))), 'the mute', mark);
    expect(muted.call.participants.find((p) => p.key === `worker:${W1!.id}`)?.producers.find((p) => p.kind === 'audio')?.paused).toBe(true);
    await field.request('producer.resume', { producerId: audio.producerId });

    // The worker stops sending audio: the commander's consumer of it closes and they are told.
    await field.request('producer.close', { producerId: audio.producerId });
    expect(await cmd.notice((n) => n.notice === 'consumer.closed' && n.consumerId === ac.id, 'consumer.closed')).toBeTruthy();
    expect(hub.calls.stats()).toMatchObject({ producers: 1, consumers: 1 });

    const ended = await cmd.request('call.leave', { callId: call.id });
    expect(ended.outcome).toBe('completed');
    expect(hub.calls.stats()).toMatchObject({ routers: 0, transports: 0, producers: 0, consumers: 0 });
    expect(await field.refusal('transport.create', { callId: call.id, direction: 'send' })).toMatchObject({ code: 'wrong_state' });
  });

  it('media requests need a joined party, and only its own objects', async () => {
    const cmd = await party(COMMANDER);
    const f1 = await worker(W1);
    const f2 = await worker(W2);
    const call = await cmd.request('call.dial', { targets: [{ kind: 'worker', workerId: W1!.id }, { kind: 'worker', workerId: W2!.id }], eventId: null, title: '' });
    // Still ringing: no media yet.
    expect(await f1.refusal('media.capabilities', { callId: call.id })).toMatchObject({ code: 'wrong_state' });
    await f1.request('call.answer', { callId: call.id });
    const t1 = await f1.request('transport.create', { callId: call.id, direction: 'send' });
    const p1 = await f1.request('produce', { transportId: t1.id, kind: 'audio', rtpParameters: opus('0', 33333333) });
    // A party still ringing may not touch anything; once joined, not someone else's transport or producer.
    expect(await f2.refusal('transport.connect', { transportId: t1.id, dtlsParameters: DTLS })).toMatchObject({ code: 'forbidden' });
    await f2.request('call.answer', { callId: call.id });
    expect(await f2.refusal('transport.close', { transportId: t1.id })).toMatchObject({ code: 'forbidden' });
    expect(await f2.refusal('producer.pause', { producerId: p1.producerId })).toMatchObject({ code: 'forbidden' });
    expect(await f2.refusal('produce', { transportId: t1.id, kind: 'audio', rtpParameters: opus('1', 44444444) })).toMatchObject({ code: 'forbidden' });
    expect(await f2.refusal('consumer.resume', { consumerId: p1.producerId })).toMatchObject({ code: 'not_found' });
    expect(await f2.refusal('transport.connect', { transportId: 'no-such-transport', dtlsParameters: DTLS })).toMatchObject({ code: 'not_found' });
    // Producing on a receive transport, or consuming on a send one, is the wrong way round.
    const r2 = await f2.request('transport.create', { callId: call.id, direction: 'recv' });
    expect(await f2.refusal('produce', { transportId: r2.id, kind: 'audio', rtpParameters: opus('0', 55555555) })).toMatchObject({ code: 'wrong_state' });
    const caps = await f2.request('media.capabilities', { callId: call.id });
    expect(await f2.refusal('consume', { transportId: r2.id, producerId: 'no-such-producer', rtpCapabilities: caps })).toMatchObject({ code: 'not_found' });
    // Capabilities that cannot receive opus are refused, not crashed on.
    const videoOnly = { ...caps, codecs: caps.codecs?.filter((c) => c.kind === 'video') };
    expect(await f2.refusal('consume', { transportId: r2.id, producerId: p1.producerId, rtpCapabilities: videoOnly })).toMatchObject({ code: 'bad_params' });
    // An H264 producer the router does not know (profile 64001f, High) is refused by the SFU with its reason.
    const t2 = await f2.request('transport.create', { callId: call.id, direction: 'send' });
    const h264High: RtpParameters = { codecs: [{ mimeType: 'video/H264', payloadType: 102, clockRate: 90000, parameters: { 'packetization-mode': 1, 'profile-level-id': '64001f' } }], encodings: [{ ssrc: 1234 }] };
    expect(await f2.refusal('produce', { transportId: t2.id, kind: 'video', rtpParameters: h264High })).toMatchObject({ code: 'bad_params', message: expect.stringContaining('the SFU refused it') });
    // Only grid workers share a position.
    expect(await cmd.refusal('position', { position: [119.36, 33.24], accuracyM: 5 })).toMatchObject({ code: 'forbidden' });
    await cmd.request('call.leave', { callId: call.id });
    expect(hub.calls.stats()).toMatchObject({ routers: 0, transports: 0, producers: 0, consumers: 0 });
  });

  it('a worker whose link drops leaves the call cleanly: others are told and its SFU objects go', async () => {
    const cmd = await party(COMMANDER);
    const f1 = await worker(W1);
    const f2 = await worker(W2);
    const call = await cmd.request('call.dial', { targets: [{ kind: 'worker', workerId: W1!.id }, { kind: 'worker', workerId: W2!.id }], eventId: null, title: '' });
    await f1.request('call.answer', { callId: call.id });
    await f2.request('call.answer', { callId: call.id });
    const t1 = await f1.request('transport.create', { callId: call.id, direction: 'send' });
    const p1 = await f1.request('produce', { transportId: t1.id, kind: 'video', rtpParameters: vp8Simulcast('0') });
    const caps = await f2.request('media.capabilities', { callId: call.id });
    const r2 = await f2.request('transport.create', { callId: call.id, direction: 'recv' });
    const c2 = await f2.request('consume', { transportId: r2.id, producerId: p1.producerId, rtpCapabilities: caps });
    expect(hub.calls.stats()).toMatchObject({ transports: 2, producers: 1, consumers: 1 });

    const mark = cmd.notices.length;
    f1.cut();
    const told = await cmd.notice(callNotice(call.id, (c) => stateOf(c, `worker:${W1!.id}`)?.startsWith('left') === true), 'the drop', mark);
    expect(stateOf(told.call, `worker:${W1!.id}`)).toBe(`left (${REASONS.linkLost})`);
    expect(told.call.endedAt).toBeNull();
    expect(await f2.notice((n) => n.notice === 'consumer.closed' && n.consumerId === c2.id, 'the consumer of the dropped worker closing')).toBeTruthy();
    expect(hub.calls.stats()).toMatchObject({ routers: 1, transports: 1, producers: 0, consumers: 0 });
    // The rest of the call goes on.
    const t2 = await f2.request('transport.create', { callId: call.id, direction: 'send' });
    await f2.request('produce', { transportId: t2.id, kind: 'audio', rtpParameters: opus('0', 66666666) });
    await cmd.request('call.leave', { callId: call.id });
    expect(hub.calls.stats()).toMatchObject({ routers: 0, transports: 0, producers: 0, consumers: 0 });
  });
});

describe('a phone gone silent', () => {
  it('is cut when it stops answering pings, and leaves its call', async () => {
    const cmd = await party(COMMANDER);
    const silent = await CallSocket.open(hub.url, { autoPong: false });
    sockets.push(silent);
    await silent.request('hello', { as: 'worker', workerId: W1!.id, pin: pinOf(W1!) });
    const f2 = await worker(W2);
    const call = await cmd.request('call.dial', { targets: [{ kind: 'worker', workerId: W1!.id }, { kind: 'worker', workerId: W2!.id }], eventId: null, title: '' });
    await silent.request('call.answer', { callId: call.id });
    await f2.request('call.answer', { callId: call.id });
    const told = await cmd.notice(callNotice(call.id, (c) => stateOf(c, `worker:${W1!.id}`) === `left (${REASONS.linkLost})`), 'the silent phone to be cut');
    expect(told.call.endedAt).toBeNull();
    // The others answered every ping and are still in.
    expect(stateOf(told.call, `worker:${W2!.id}`)).toBe('joined');
    expect(f2.open).toBe(true);
    expect((await silent.closed).code).toBe(1006);
  });
});

describe('the SFU worker dying', () => {
  it('ends its calls as failed, and the next call starts a new worker', async () => {
    const { cmd, field, call } = await connected();
    const t = await field.request('transport.create', { callId: call.id, direction: 'send' });
    await field.request('produce', { transportId: t.id, kind: 'audio', rtpParameters: opus('0', 77777777) });
    const pid = hub.calls.stats().workerPid!;
    expect(alive(pid)).toBe(true);
    process.kill(pid, 'SIGKILL');
    const end = await field.notice(callNotice(call.id, (c) => c.endedAt !== null), 'the call to fail');
    expect(end.call.outcome).toBe('failed');
    expect(stateOf(end.call, 'seat:cmd-1')).toMatch(/^left \(.*the SFU worker died/);
    expect(hub.calls.stats()).toEqual({ workerPid: null, routers: 0, transports: 0, producers: 0, consumers: 0 });

    const next = await cmd.request('call.dial', { targets: [{ kind: 'worker', workerId: W1!.id }], eventId: null, title: '' });
    const restarted = hub.calls.stats().workerPid;
    expect(restarted).toBeGreaterThan(0);
    expect(restarted).not.toBe(pid);
    await field.request('call.answer', { callId: next.id });
    expect((await field.request('media.capabilities', { callId: next.id })).codecs?.length).toBeGreaterThan(0);
    await cmd.request('call.leave', { callId: next.id });
  });
});

describe('malformed frames', () => {
  it('are refused with an error and the room still works afterwards', async () => {
    const { cmd, field, call } = await connected();
    const t = await field.request('transport.create', { callId: call.id, direction: 'send' });
    let seen = 0;
    const unreadable = async (data: string | Buffer, binary = false) => {
      field.sendRaw(data, binary);
      return field.nextUnanswered(seen++);
    };
    expect(await unreadable('{not json')).toMatchObject({ code: 'bad_frame' });
    expect(await unreadable(Buffer.from([1, 2, 3]), true)).toMatchObject({ code: 'bad_frame' });
    expect(await unreadable('x'.repeat(MAX_CALL_FRAME + 1))).toMatchObject({ code: 'bad_frame', message: expect.stringContaining(String(MAX_CALL_FRAME)) });
    expect(await unreadable(JSON.stringify([1, 2]))).toMatchObject({ code: 'bad_frame' });
    expect(await field.sendRawFor(900, JSON.stringify({ id: 900, method: 'produce', params: {}, extra: 1 }))).toMatchObject({ ok: false, error: { code: 'bad_frame' } });
    expect(await field.refusal('call.explode', {})).toMatchObject({ code: 'unknown_method' });
    expect(await field.refusal('produce', { transportId: t.id, kind: 'smell', rtpParameters: {} })).toMatchObject({ code: 'bad_params' });
    expect(await field.refusal('produce', { transportId: t.id, kind: 'video', rtpParameters: { codecs: [] } })).toMatchObject({ code: 'bad_params' });
    expect(await field.refusal('call.answer', { callId: call.id, sneaky: true })).toMatchObject({ code: 'bad_params' });
    expect(await field.refusal('call.answer', { callId: 'no-such-call' })).toMatchObject({ code: 'not_found' });
    expect(await field.refusal('consumer.layers', { consumerId: 'x', spatialLayer: 7 })).toMatchObject({ code: 'bad_params' });
    expect(await field.refusal('transport.connect', { transportId: t.id, dtlsParameters: { fingerprints: [{ algorithm: 'md0', value: 'zz' }] } })).toMatchObject({ code: 'bad_params' });

    // The same socket, the same call: still in it, still producing.
    expect(field.open).toBe(true);
    const p = await field.request('produce', { transportId: t.id, kind: 'video', rtpParameters: vp8Simulcast('0') });
    expect(p.producerId).toBeTruthy();
    expect(stateOf(hub.calls.live()[0]!, `worker:${W1!.id}`)).toBe('joined');

    // Past the socket's hard limit the hub cuts that socket alone: the worker leaves, the commander is told.
    const mark = cmd.notices.length;
    field.sendRaw('y'.repeat(2 * 1024 * 1024));
    expect((await field.closed).code).toBe(1009);
    const end = await cmd.notice(callNotice(call.id, (c) => c.endedAt !== null), 'the call to end with the cut worker', mark);
    expect(stateOf(end.call, `worker:${W1!.id}`)).toBe(`left (${REASONS.linkLost})`);
    expect(hub.calls.stats()).toMatchObject({ routers: 0, transports: 0, producers: 0, consumers: 0 });
  });
});

describe('the field page side', () => {
  it("a worker's phone fix places the worker in the live feed", async () => {
    const field = await worker(W2);
    const before = hub.simulator.fixOf(W2!.id)!;
    const at: [number, number] = [119.3615, 33.2415];
    expect(before.position).not.toEqual(at);
    await field.request('position', { position: at, accuracyM: 8 });
    expect(hub.simulator.fixOf(W2!.id)?.position).toEqual(at);
    expect(hub.simulator.positions().find((p) => p.id === W2!.id)?.position).toEqual(at);
  });

  it('serves the built page with content types, 503 before a build, and nothing outside its folder', async () => {
    const get = (path: string) => fetch(`${hub.url}${path}`, { redirect: 'manual' });
    const missing = await get('/field/');
    expect(missing.status).toBe(503);
    expect(await missing.text()).toBe('field page not built: run npm run build');

    writeFileSync(join(fieldDir, 'index.html'), '<!doctype html><title>field</title>');
    mkdirSync(join(fieldDir, 'assets'), { recursive: true });
    writeFileSync(join(fieldDir, 'assets', 'app-abc123.js'), 'console.log(1)');
    writeFileSync(join(tmpdir(), 'watchfloor-field-secret.txt'), 'TOP-SECRET-CONTENT');
    const index = await get('/field/');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await index.text()).toContain('<title>field</title>');
    const js = await get('/field/assets/app-abc123.js');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toContain('immutable');
    expect((await get('/field')).headers.get('location')).toBe('/field/');
    expect((await get('/field/nope.js')).status).toBe(404);
    const secret = `../${join(tmpdir(), 'watchfloor-field-secret.txt').split('/').slice(-1)[0]}`;
    for (const path of [`/field/${encodeURIComponent(secret)}`, `/field/..%2f..%2f..%2fetc%2fpasswd`, '/field/%2e%2e/%2e%2e/package.json', '/field/assets%2f..%2f..%2f..%2fpackage.json', '/field/%00index.html']) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(await res.text(), path).not.toContain('TOP-SECRET-CONTENT');
    }
    expect((await fetch(`${hub.url}/field/`, { method: 'POST' })).status).toBe(405);
    rmSync(join(tmpdir(), 'watchfloor-field-secret.txt'), { force: true });
  });
});

describe('a hub whose SFU cannot load', () => {
  it('answers sfu_unavailable to a dial, saying how to install it, and the rest of the hub works', async () => {
    const bare = await startHub({
      port: 0, county, dataDir: null, historyEvents: 0, eventIntervalMs: 600_000, fieldIntervalMs: 600_000,
      calls: { loadMediasoup: () => Promise.reject(new Error("Cannot find package 'mediasoup'")) },
    });
    try {
      const s = await CallSocket.open(bare.url);
      await s.request('hello', COMMANDER);
      const refused = await s.refusal('call.dial', { targets: [{ kind: 'worker', workerId: W1!.id }], eventId: null, title: '' });
      expect(refused.code).toBe('sfu_unavailable');
      expect(refused.message).toContain('npm run sfu:setup');
      expect(bare.calls.live()).toEqual([]);
      expect(bare.calls.stats()).toEqual({ workerPid: null, routers: 0, transports: 0, producers: 0, consumers: 0 });
      expect((await fetch(`${bare.url}/api/v1/info`)).status).toBe(200);
      await s.close();
    } finally {
      await bare.close();
    }
  }, HUB_START_TIMEOUT);
});
