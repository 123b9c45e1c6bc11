import { CP932_BITMAP_BASE64 } from './cp932-table';

/**
 * What a Shift-JIS label file can carry (docs/shipping-labels.md §5): decided here, once, so the CLI and Apps
 * Script write the same bytes and the Log names the same rows. The adapters then encode as Windows-31J (CP932).
 */

let bitmap: Uint8Array | null = null;

function carriedBits(): Uint8Array {
  if (bitmap) return bitmap;
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const clean = CP932_BITMAP_BASE64.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 6) / 8));
  let acc = 0;
  let n = 0;
  let o = 0;
  // base64 by hand: the engine runs where neither atob nor Buffer exists
  for (const ch of clean) {
    acc = (acc << 6) | alphabet.indexOf(ch);
    n += 6;
    if (n >= 8) {
      n -= 8;
      out[o++] = (acc >> n) & 0xff;
    }
  }
  bitmap = out;
  return out;
}

export function isCarried(ch: string): boolean {
  const cp = ch.codePointAt(0);
  if (cp === undefined || cp > 0xffff) return false;
  return (carriedBits()[cp >> 3] & (1 << (cp & 7))) !== 0;
}

/**
 * Characters with a CP932 twin of the same meaning: WAVE DASH and MINUS SIGN as macOS and the web write them,
 * and Latin-1 signs. Mapped silently: the label shows what the buyer typed.
 */
const TWINS: Record<string, string> = {
  '\u301c': '\uff5e',
  '\u2212': '\uff0d',
  '\u2016': '\u2225',
  '\u00a2': '\uffe0',
  '\u00a3': '\uffe1',
  '\u00ac': '\uffe2',
  '\u2014': '\u2015',
  '\u00a5': '\uffe5',
  '\u203e': '\uffe3',
  '\u00a0': ' ',
};

/** What stands for a character Shift-JIS cannot carry (〓, the geta mark Japanese print uses for a missing glyph). */
export const REPLACEMENT = '〓';

export interface Carried {
  text: string;
  /** the characters replaced, each once, in order of appearance */
  replaced: string[];
}

/** The text as Shift-JIS can carry it: twins mapped, anything else uncarried becomes 〓 (an emoji with its modifiers once). */
export function carry(text: string): Carried {
  let out = '';
  const replaced: string[] = [];
  let lastWasReplacement = false;
  for (const ch of text) {
    const twin = TWINS[ch];
    if (twin !== undefined) {
      out += twin;
      lastWasReplacement = false;
    } else if (isCarried(ch)) {
      out += ch;
      lastWasReplacement = false;
    } else {
      // a variation selector or zero-width joiner belongs to the character before it
      const joiner = /^[\u200d\ufe00-\ufe0f]$/u.test(ch) || /^\p{Emoji_Modifier}$/u.test(ch);
      if (!(joiner && lastWasReplacement)) out += REPLACEMENT;
      lastWasReplacement = true;
      if (!joiner && !replaced.includes(ch)) replaced.push(ch);
    }
  }
  return { text: out, replaced };
}

/** Bytes in Shift-JIS: ASCII and half-width katakana one, everything else two. */
export function sjisBytes(text: string): number {
  let n = 0;
  for (const ch of text) {
    // the first UTF-16 unit decides: a character beyond U+FFFF starts with a surrogate, which counts two
    const cp = ch.charCodeAt(0);
    n += cp < 0x80 || (cp >= 0xff61 && cp <= 0xff9f) ? 1 : 2;
  }
  return n;
}

/** The longest head of `text` within `bytes` Shift-JIS bytes (never half a character). */
export function cutToBytes(text: string, bytes: number): string {
  let n = 0;
  let out = '';
  for (const ch of text) {
    const w = sjisBytes(ch);
    if (n + w > bytes) break;
    n += w;
    out += ch;
  }
  return out;
}
