/*
 * The manifest's SupportUrl page (issue 23 point 5): help and troubleshooting in both languages —
 * functions missing or #NAME? (the add-in cache per platform), large spills on the web, what needs
 * which Excel — with no script and nothing loaded from elsewhere.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOMParser } from '@xmldom/xmldom';

const html = readFileSync(join(__dirname, '../../docs/support.html'), 'utf8');
const text = html.replace(/<[^>]+>/g, ' ');

describe('the support page (SupportUrl)', () => {
  it('has the troubleshooting sections, each in Chinese and English', () => {
    for (const id of ['name-error', 'busy', 'versions', 'refused']) {
      const section = new RegExp(`<section id="${id}">([\\s\\S]*?)</section>`).exec(html)?.[1] ?? '';
      expect(`${id}:${/[\u4e00-\u9fff]/.test(section)}`).toBe(`${id}:true`);
      expect(`${id}:${/lang="en"/.test(section)}`).toBe(`${id}:true`);
    }
  });

  it('says how to clear the add-in cache on Windows, Mac and the web', () => {
    expect(text).toContain('%LOCALAPPDATA%\\Microsoft\\Office\\16.0\\Wef\\');
    expect(text).toContain('~/Library/Containers/com.microsoft.Excel/Data/Library/Caches/');
    expect(text).toMatch(/Excel 网页版 on the web/);
  });

  it('names the safe spill size on the web as coming from the issue reports, and the pane for whole sheets', () => {
    expect(text).toMatch(/#BUSY!/);
    expect(text).toMatch(/#2222[\s\S]*#2786[\s\S]*#6841/);
    expect(text).toMatch(/not a measurement of ours/);
    expect(text).toMatch(/Grade tab/);
  });

  it('is well-formed, runs no script and loads nothing from another origin', () => {
    const errors: string[] = [];
    new DOMParser({ onError: (level, msg) => void (level !== 'warning' && errors.push(msg)) }).parseFromString(
      html,
      'text/html',
    );
    expect(errors).toEqual([]);
    expect(html).not.toMatch(/<script|https?:\/\//);
  });
});
