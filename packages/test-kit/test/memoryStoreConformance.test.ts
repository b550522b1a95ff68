import { ManualClock, MemoryExecutionStore } from '@aet/tracker-core';
import { describeExecutionStoreConformance } from '@aet/test-kit';

const clock = new ManualClock(1_700_000_000_000);

describeExecutionStoreConformance(
  'MemoryExecutionStore',
  () => new MemoryExecutionStore({ clock }),
  {
    advanceTime: (ms) => {
      clock.advance(ms);
      return Promise.resolve();
    },
  },
);
