// Small string helpers shared by the chat backend. Nothing here knows about agents.

export const truncate = (text: string, max: number, ellipsis = '…'): string =>
  text.length <= max ? text : text.slice(0, Math.max(0, max - ellipsis.length)) + ellipsis;

export const slugify = (text: string): string =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

export const collapseWhitespace = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** First sentence of a reply, for previews and push notifications. */
export const firstSentence = (text: string): string => {
  const match = /^(.+?[.!?])(\s|$)/.exec(collapseWhitespace(text));
  return match?.[1] ?? collapseWhitespace(text);
};

export const errorMessage = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

/** Run ids as the old backend formatted them: `run_<thread>_<seq>`. */
export const formatRunId = (threadId: string, seq: number): string =>
  `run_${slugify(threadId).replace(/-/g, '_')}_${String(seq).padStart(4, '0')}`;
