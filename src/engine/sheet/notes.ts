import { LAYOUT_MARK } from '../../ports';

/**
 * Cell notes the engine writes (the Settings tab's validation messages, docs/settings-tab.md): our part of
 * a note starts with NOTE_MARK and runs to the first blank line; whatever else the note holds is the
 * seller's and is kept, below ours. Pure, so every adapter merges notes alike.
 */
export const NOTE_MARK = `[${LAYOUT_MARK}]`;

/** The seller's part of a note, without ours. */
export function theirNote(note: string): string {
  if (!note.startsWith(NOTE_MARK)) return note;
  const end = note.indexOf('\n\n');
  return end < 0 ? '' : note.slice(end + 2);
}

/** A cell's note after the engine sets its own text (null: none of ours), the seller's text kept. */
export function mergeNote(existing: string, ours: string | null): string {
  const theirs = theirNote(existing);
  if (ours === null) return theirs;
  const mine = `${NOTE_MARK}\n${ours.replace(/\n{2,}/g, '\n')}`;
  return theirs === '' ? mine : `${mine}\n\n${theirs}`;
}
