/** Splits a list typed into one box with commas, spaces, semicolons or new lines (Chinese punctuation too). */
export function splitList(text: string): string[] {
  return text.split(/[\s,，、;；]+/).filter((x) => x !== '');
}
