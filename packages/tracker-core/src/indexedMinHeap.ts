/** What an {@link IndexedMinHeap} stores: the entry keeps its key and its position. @internal */
export interface HeapEntry {
  /** The key the entry is ordered by (epoch ms of its next wake-up). */
  wakeAt: number;
  /** Position in the heap, -1 while not in it. Maintained by the heap. */
  heapIndex: number;
  /** Tie-breaker: equal keys come out in the order they were set. Maintained by the heap. */
  heapSeq?: number;
}

/**
 * A binary min-heap whose entries know their position, so an entry can be re-keyed or removed
 * in O(log n) and is never in the heap twice. Nothing stale is left behind when an entry leaves.
 * @internal
 */
export class IndexedMinHeap<T extends HeapEntry> {
  private readonly entries: T[] = [];
  private nextSeq = 0;

  get size(): number {
    return this.entries.length;
  }

  /** The entry with the smallest key, or undefined. */
  peek(): T | undefined {
    return this.entries[0];
  }

  /** Inserts `entry` with key `wakeAt`, or moves it there when it is already in the heap. */
  set(entry: T, wakeAt: number): void {
    const previous = entry.wakeAt;
    entry.wakeAt = wakeAt;
    entry.heapSeq = this.nextSeq++;
    if (entry.heapIndex < 0) {
      entry.heapIndex = this.entries.length;
      this.entries.push(entry);
      this.siftUp(entry.heapIndex);
    } else if (wakeAt < previous) {
      this.siftUp(entry.heapIndex);
    } else {
      this.siftDown(entry.heapIndex);
    }
  }

  /** Removes `entry` when it is in the heap. */
  delete(entry: T): void {
    const index = entry.heapIndex;
    if (index < 0) return;
    const last = this.entries.pop() as T;
    entry.heapIndex = -1;
    if (last === entry) return;
    this.entries[index] = last;
    last.heapIndex = index;
    this.siftDown(index);
    this.siftUp(last.heapIndex);
  }

  /** Removes and returns the entry with the smallest key. */
  pop(): T | undefined {
    const top = this.entries[0];
    if (top !== undefined) this.delete(top);
    return top;
  }

  clear(): void {
    for (const entry of this.entries) entry.heapIndex = -1;
    this.entries.length = 0;
  }

  private place(entry: T, index: number): void {
    this.entries[index] = entry;
    entry.heapIndex = index;
  }

  private siftUp(start: number): void {
    const entry = this.entries[start] as T;
    let index = start;
    while (index > 0) {
      const parentIndex = (index - 1) >> 1;
      const parent = this.entries[parentIndex] as T;
      if (!before(entry, parent)) break;
      this.place(parent, index);
      index = parentIndex;
    }
    this.place(entry, index);
  }

  private siftDown(start: number): void {
    const count = this.entries.length;
    const entry = this.entries[start] as T;
    let index = start;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= count) break;
      const right = left + 1;
      let child = left;
      if (right < count && before(this.entries[right] as T, this.entries[left] as T)) {
        child = right;
      }
      const smaller = this.entries[child] as T;
      if (!before(smaller, entry)) break;
      this.place(smaller, index);
      index = child;
    }
    this.place(entry, index);
  }
}

function before(a: HeapEntry, b: HeapEntry): boolean {
  return a.wakeAt < b.wakeAt || (a.wakeAt === b.wakeAt && (a.heapSeq ?? 0) < (b.heapSeq ?? 0));
}
