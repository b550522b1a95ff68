import type { TrackerEvent, TrackerEventType } from '@aet/tracker-core';

/** A sink that keeps every tracker event it receives, with helpers to slice them. */
export class EventRecorder {
  readonly events: TrackerEvent[] = [];

  /** The listener to pass to `tracker.subscribe` or a scope's `subscribe`. */
  readonly listener = (event: TrackerEvent): void => {
    this.events.push(event);
  };

  /** Events of one execution, in the order received. */
  forExecution(executionId: string): TrackerEvent[] {
    return this.events.filter((event) => event.executionId === executionId);
  }

  /** Events delivered for one user. */
  forUser(userId: string): TrackerEvent[] {
    return this.events.filter((event) => event.userId === userId);
  }

  ofType<T extends TrackerEventType>(type: T): Extract<TrackerEvent, { type: T }>[] {
    return this.events.filter(
      (event): event is Extract<TrackerEvent, { type: T }> => event.type === type,
    );
  }

  types(): TrackerEventType[] {
    return this.events.map((event) => event.type);
  }

  clear(): void {
    this.events.length = 0;
  }
}
