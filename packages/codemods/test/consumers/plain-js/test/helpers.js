// Shared test helpers: a fake chat socket that keeps the frames it was sent.

export function recordingSocket() {
  /** @type {any[]} */
  const frames = [];
  return {
    readyState: 1,
    frames,
    /** @param {string} data */
    send(data) {
      frames.push(JSON.parse(data));
    },
    /** @param {string} runId */
    typesFor(runId) {
      return frames.filter((frame) => frame.run_id === runId).map((frame) => frame.type);
    },
  };
}
