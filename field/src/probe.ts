// A read-only window onto the field page for end-to-end tests and the calls benchmark
// (`window.__watchfloorField`): which screen shows and the video frames decoded per participant.
import type { useFieldStore } from './field-store';

export interface FieldProbe {
  screen(): string;
  /** Video frames decoded so far by participant key, from the receivers' getStats; {} outside a call. */
  framesDecoded(): Promise<Record<string, number>>;
}

declare global {
  interface Window {
    __watchfloorField?: FieldProbe;
  }
}

export function installProbe(field: ReturnType<typeof useFieldStore>): void {
  window.__watchfloorField = {
    screen: () => field.screen,
    framesDecoded: async () => (await field.media?.framesDecoded()) ?? {},
  };
}
