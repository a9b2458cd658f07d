// The one seam between the renderer and the station: frames in, frames out, and whether the pipe is open.
// Two implementations: the Electron preload's MessagePort bridge and the browser seat's WebSocket.

export type TransportState = 'connecting' | 'open' | 'closed' | 'unauthorized';

export interface Transport {
  /** Sends one frame (a plain object); frames sent while not open are dropped by the transport. */
  send(frame: object): void;
  /** Every frame that arrives, not yet validated. */
  onFrame(listener: (frame: unknown) => void): void;
  /** State changes; 'open' again after a reconnect means subscriptions must be renewed. */
  onState(listener: (state: TransportState) => void): void;
  readonly state: TransportState;
}
