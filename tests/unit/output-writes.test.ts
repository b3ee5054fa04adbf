import { describe, expect, it } from 'vitest';
import { tempName } from '../../src/commands/export.js';
import { writeAll } from '../../src/main.js';

/** A write function that takes at most `sizes[i]` bytes on its i-th call, or throws `error` after them. */
function fakeWrite(sizes: number[], error?: NodeJS.ErrnoException) {
  const taken: number[][] = [];
  let call = 0;
  const write = ((_fd: number, data: Uint8Array, offset: number, length: number) => {
    if (call >= sizes.length) {
      if (error) throw error;
      return length;
    }
    const n = Math.min(sizes[call++]!, length);
    taken.push([...data.subarray(offset, offset + n)]);
    return n;
  }) as unknown as typeof import('node:fs').writeSync;
  return { write, taken };
}

describe('writeAll: a file-backed stdout or stderr is written whole, or the error behind a short write surfaces', () => {
  it('goes on after short writes, each from where the last stopped', () => {
    const { write, taken } = fakeWrite([3, 1, 100]);
    writeAll(1, Uint8Array.from([1, 2, 3, 4, 5, 6]), write);
    expect(taken).toEqual([[1, 2, 3], [4], [5, 6]]);
  });

  it('a short write followed by ENOSPC (a full disk) or EFBIG (ulimit -f) throws that error', () => {
    for (const code of ['ENOSPC', 'EFBIG']) {
      const { write } = fakeWrite([4096], Object.assign(new Error(code), { code }));
      expect(() => writeAll(1, new Uint8Array(5000), write)).toThrow(expect.objectContaining({ code }));
    }
  });

  it('a write that takes nothing is an error, never an endless loop', () => {
    const { write } = fakeWrite([2, 0]);
    expect(() => writeAll(1, new Uint8Array(4), write)).toThrow(expect.objectContaining({ code: 'EIO' }));
  });

  it('nothing to write: no call at all', () => {
    const { write, taken } = fakeWrite([]);
    writeAll(1, new Uint8Array(0), write);
    expect(taken).toEqual([]);
  });
});

describe("export's temporary file name", () => {
  it('stays short whatever the target, so any name the file system takes fits it too', () => {
    const longest = tempName(4_194_304, 8_640_000_000_000, 10);
    expect(longest.length).toBeLessThanOrEqual(40);
    expect(longest).toMatch(/^\.back-relief-.*\.tmp$/);
    expect(tempName(1, 2, 0)).not.toBe(tempName(1, 2, 1));
  });
});
