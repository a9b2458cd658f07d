// The station's in-process topic bus: sync publishes, each API connection's subscriptions listen.
import type { TopicData, TopicName } from './contract.js';

type Listener<T extends TopicName> = (data: TopicData<T>) => void;

export class TopicBus {
  private readonly listeners = new Map<TopicName, Set<Listener<TopicName>>>();

  subscribe<T extends TopicName>(topic: T, listener: Listener<T>): () => void {
    let set = this.listeners.get(topic);
    if (!set) this.listeners.set(topic, (set = new Set()));
    set.add(listener as Listener<TopicName>);
    return () => {
      set.delete(listener as Listener<TopicName>);
    };
  }

  publish<T extends TopicName>(topic: T, data: TopicData<T>): void {
    for (const listener of this.listeners.get(topic) ?? []) {
      // One failing listener (a closed socket) must not keep the others from hearing.
      try {
        listener(data);
      } catch {
        /* the listener's connection reports its own failure */
      }
    }
  }

  listenerCount(topic: TopicName): number {
    return this.listeners.get(topic)?.size ?? 0;
  }
}
