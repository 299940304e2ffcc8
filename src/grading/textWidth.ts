/** Width of text in characters of a column, and text wrapped to a width. */

/** Width of text in characters of a column: a Chinese character or a full-width sign takes two. */
export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text)
    w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch)
      ? 2
      : 1;
  return w;
}

/**
 * Text split into lines of at most `width` characters (see {@link textWidth}): at spaces between
 * words, and between any two Chinese characters. A word longer than a line stays whole.
 */
export function wrapText(text: string, width: number): string[] {
  // Tokens: a run of non-space non-Chinese characters (a word or a number), one Chinese character, or spaces.
  const tokens = text.match(/\s+|[^\s\u2e80-\u9fff\uff00-\uffef]+|[\s\S]/gu) ?? [];
  const lines: string[] = [];
  let line = '';
  for (const token of tokens) {
    if (textWidth(line + token) <= width || line.trim() === '') line += token;
    else {
      lines.push(line.trimEnd());
      line = /^\s+$/.test(token) ? '' : token;
    }
  }
  if (line.trim() !== '') lines.push(line.trimEnd());
  return lines.length === 0 ? [''] : lines;
}
