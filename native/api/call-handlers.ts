// The calls.* methods of the Station API (video dispatch, issue 6): each goes to the hub over the seat's
// call link; the hub's refusals come back as Station API error codes with the hub's own words.
import { whyNotText } from './permissions.js';
import { NotFoundError, RefusedError, type Handlers } from './host.js';
import type { SeatIdentity } from './contract.js';
import type { StationCalls } from '../calls/station-calls.js';
import { CallLinkDown, UNREACHABLE } from '../calls/call-link.js';
import { CallClientError } from '../calls/call-client.js';

type CallMethods = 'calls.status' | 'calls.dial' | 'calls.invite' | 'calls.answer' | 'calls.decline' | 'calls.leave' | 'calls.sfu' | 'calls.log';

/** The hub's error (or the link's absence) as the Station API's error; anything else stays internal. */
export function callError(err: unknown): unknown {
  if (err instanceof CallLinkDown) return new RefusedError('hub_unreachable', err.message);
  if (!(err instanceof CallClientError)) return err;
  switch (err.code) {
    case 'closed': case 'timeout': case 'not_signed_in':
      return new RefusedError('hub_unreachable', `${UNREACHABLE}: ${err.message}`);
    case 'forbidden': return new RefusedError('forbidden_role', err.message);
    case 'not_found': return new NotFoundError(err.message);
    case 'bad_params': case 'bad_frame': case 'unknown_method': return new RefusedError('bad_params', err.message);
    case 'wrong_state': return new RefusedError('wrong_state', err.message);
    case 'sfu_unavailable': return new RefusedError('sfu_unavailable', err.message);
    default: return new Error(`dispatch service: ${err.code}: ${err.message}`);
  }
}

async function hub<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw callError(err);
  }
}

/** `calls` is asked for on each call: a station without calls fails the call, not the table. */
export function callHandlers(calls: () => StationCalls, identity: () => SeatIdentity): Pick<Handlers, CallMethods> {
  return {
    'calls.status': () => calls().status(),
    'calls.dial': ({ targets, eventId, title }) => {
      const refusal = whyNotText(identity().role, 'calls.dial');
      if (refusal) throw new RefusedError('forbidden_role', refusal);
      return hub(() => calls().callRequest('call.dial', { targets, eventId, title }));
    },
    'calls.invite': ({ callId, targets }) => {
      const refusal = whyNotText(identity().role, 'calls.dial');
      if (refusal) throw new RefusedError('forbidden_role', refusal);
      return hub(() => calls().callRequest('call.invite', { callId, targets }));
    },
    'calls.answer': ({ callId }) => hub(() => calls().callRequest('call.answer', { callId })),
    'calls.decline': ({ callId }) => hub(() => calls().callRequest('call.decline', { callId })),
    'calls.leave': ({ callId }) => hub(() => calls().callRequest('call.leave', { callId })),
    'calls.sfu': (req) => hub(async () => {
      // One arm per method keeps the request and its answer paired for the type checker.
      const c = calls();
      switch (req.method) {
        case 'media.capabilities': return { method: req.method, result: await c.request(req.method, req.params) };
        case 'transport.create': return { method: req.method, result: await c.request(req.method, req.params) };
        case 'transport.connect': return { method: req.method, result: await c.request(req.method, req.params) };
        case 'transport.close': return { method: req.method, result: await c.request(req.method, req.params) };
        case 'produce': return { method: req.method, result: await c.request(req.method, req.params) };
        case 'producer.pause': return { method: req.method, result: await c.request(req.method, req.params) };
        case 'producer.resume': return { method: req.method, result: await c.request(req.method, req.params) };
        case 'producer.close': return { method: req.method, result: await c.request(req.method, req.params) };
        case 'consume': return { method: req.method, result: await c.request(req.method, req.params) };
        case 'consumer.resume': return { method: req.method, result: await c.request(req.method, req.params) };
        case 'consumer.layers': return { method: req.method, result: await c.request(req.method, req.params) };
        case 'consumer.close': return { method: req.method, result: await c.request(req.method, req.params) };
      }
    }),
    'calls.log': ({ limit }) => calls().log.list(limit),
  };
}
