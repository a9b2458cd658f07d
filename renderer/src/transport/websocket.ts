// Transport over the browser seat's WebSocket (`/ws?token=`), reconnecting with backoff when it drops.
// A close with code 4401 means the token was refused: retrying would not help, so it stops there.
import { reconnectDelay } from './backoff';
import type { Transport, TransportState } from './transport';

const UNAUTHORIZED_CLOSE = 4401;

export function socketUrl(location: Pick<Location, 'protocol' | 'host' | 'search'>): string {
  const token = new URLSearchParams(location.search).get('token') ?? '';
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/ws?token=${encodeURIComponent(token)}`;
}

export function websocketTransport(url: string): Transport {
  const frameListeners: Array<(frame: unknown) => void> = [];
  const stateListeners: Array<(state: TransportState) => void> = [];
  let socket: WebSocket | null = null;
  let attempt = 0;
  let state: TransportState = 'connecting';

  function setState(next: TransportState): void {
    if (next === state) return;
    state = next;
    for (const l of stateListeners) l(next);
  }

  function open(): void {
    const ws = new WebSocket(url);
    socket = ws;
    setState('connecting');
    ws.onopen = () => {
      attempt = 0;
      setState('open');
    };
    ws.onmessage = (msg) => {
      if (typeof msg.data !== 'string') return;
      let frame: unknown;
      try {
        frame = JSON.parse(msg.data);
      } catch {
        console.warn('[transport] dropped a frame that is not JSON');
        return;
      }
      for (const l of frameListeners) l(frame);
    };
    ws.onclose = (ev) => {
      socket = null;
      if (ev.code === UNAUTHORIZED_CLOSE) {
        setState('unauthorized');
        return;
      }
      setState('closed');
      setTimeout(open, reconnectDelay(attempt++));
    };
  }

  open();
  return {
    get state() {
      return state;
    },
    send(frame) {
      if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(frame));
    },
    onFrame(listener) {
      frameListeners.push(listener);
    },
    onState(listener) {
      stateListeners.push(listener);
    },
  };
}
