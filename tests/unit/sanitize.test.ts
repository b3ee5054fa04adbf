import { describe, expect, it } from 'vitest';
import { sanitize, sanitizeLine } from '../../src/render/sanitize.js';

const ESC = '\u001b';

describe('sanitize', () => {
  it.each([
    ['CSI colour', `${ESC}[31mred${ESC}[0m`, 'red'],
    ['CSI cursor move and clear screen', `a${ESC}[2J${ESC}[10;5Hb`, 'ab'],
    ['CSI with private parameters', `a${ESC}[?25lb`, 'ab'],
    ['8-bit CSI', 'a\u009b31mb', 'ab'],
    ['OSC title ended by BEL', `a${ESC}]0;pwned\u0007b`, 'ab'],
    ['OSC hyperlink ended by ST', `${ESC}]8;;https://evil.example${ESC}\\click${ESC}]8;;${ESC}\\`, 'click'],
    ['OSC without a terminator swallows the rest', `safe${ESC}]52;c;ZXZpbA==`, 'safe'],
    ['8-bit OSC ended by 8-bit ST', 'a\u009d0;title\u009cb', 'ab'],
    ['DCS', `a${ESC}Pq#0;2;0;0;0${ESC}\\b`, 'ab'],
    ['APC', `a${ESC}_hidden${ESC}\\b`, 'ab'],
    ['lone ESC and two-byte escape', `a${ESC}cb${ESC}`, 'ab'],
    ['C1 controls', 'a\u0085\u008db', 'ab'],
    ['BEL', 'ding\u0007dong', 'dingdong'],
    ['carriage return that would overwrite', 'harmless\rEVIL', 'harmlessEVIL'],
    ['backspaces that would erase', 'abc\b\b\bxyz', 'abcxyz'],
    ['NUL and DEL', 'a\u0000b\u007fc', 'abc'],
    ['bidi override', 'abc\u202edcba\u202c', 'abcdcba'],
    ['tab becomes a space', 'a\tb', 'a b'],
    ['plain text with accents stays', 'Café, naïve – “quoted”', 'Café, naïve – “quoted”'],
  ])('%s', (_name, input, expected) => {
    expect(sanitize(input)).toBe(expected);
  });

  it('keeps newlines in sanitize and folds them in sanitizeLine', () => {
    expect(sanitize('one\ntwo')).toBe('one\ntwo');
    expect(sanitizeLine('one\n  two')).toBe('one two');
  });

  it('leaves no control character at all, whatever the mix', () => {
    let hostile = '';
    for (let code = 0; code < 0xa0; code++) hostile += `x${String.fromCharCode(code)}`;
    const clean = sanitizeLine(hostile);
    expect(clean).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  });
});
