/**
 * Standard output written straight to a pipe or a file (src/main.ts): whole writes, the real stream
 * only where one is needed. The errors (a closed pipe, a full disk) are tested end to end.
 */
import type { fstatSync, writeSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { directOutput } from '../../src/main.js';

const kind = (what: 'fifo' | 'file' | 'char') => (() => ({ isFIFO: () => what === 'fifo', isFile: () => what === 'file' })) as unknown as typeof fstatSync;

function fakeReal() {
  const written: string[] = [];
  const stream = { write: (chunk: string | Uint8Array) => (written.push(Buffer.from(chunk).toString()), true) } as unknown as NodeJS.WriteStream;
  return { written, real: () => stream };
}

describe('directOutput', () => {
  it.each([
    ['a pipe', 'fifo', true],
    ['a file', 'file', true],
    ['a terminal or /dev/null (a device)', 'char', false],
  ] as const)('%s: written directly is %s', (_what, type, direct) => {
    const out = directOutput(1, { fstat: kind(type), write: (() => 0) as unknown as typeof writeSync, real: fakeReal().real });
    expect(out !== null).toBe(direct);
  });

  it('finishes a short write, in order, without the real stream', () => {
    const got: string[] = [];
    const write = ((_fd: number, data: Uint8Array, at: number, length: number) => {
      const n = Math.min(3, length);
      got.push(Buffer.from(data.subarray(at, at + n)).toString());
      return n;
    }) as unknown as typeof writeSync;
    const real = fakeReal();
    const out = directOutput(1, { fstat: kind('fifo'), write, real: real.real })!;
    expect(out.write('hello, world\n')).toBe(true);
    expect(got.join('')).toBe('hello, world\n');
    expect(real.written).toEqual([]);
  });

  it('a pipe that turns out non-blocking (EAGAIN): the real stream takes the rest, and all after it', () => {
    let calls = 0;
    const write = ((_fd: number, _data: Uint8Array, _at: number, length: number) => {
      calls++;
      if (calls === 1) return Math.min(4, length);
      throw Object.assign(new Error('try again'), { code: 'EAGAIN' });
    }) as unknown as typeof writeSync;
    const real = fakeReal();
    const out = directOutput(1, { fstat: kind('fifo'), write, real: real.real })!;
    out.write('abcdefgh');
    out.write('next');
    expect(real.written).toEqual(['efgh', 'next']);
  });

  it('stream() gives the real stream for what needs one, and later writes go there too', () => {
    const real = fakeReal();
    const direct: string[] = [];
    const write = ((_fd: number, data: Uint8Array, at: number, length: number) => (direct.push(Buffer.from(data.subarray(at, at + length)).toString()), length)) as unknown as typeof writeSync;
    const out = directOutput(1, { fstat: kind('file'), write, real: real.real })!;
    out.write('before\n');
    expect(out.stream()).toBe(real.real());
    out.write('after\n');
    expect(direct).toEqual(['before\n']);
    expect(real.written).toEqual(['after\n']);
  });

  it('an error is reported once, to the handler given (stderr\'s: exit 1 at the end), and later writes are dropped', () => {
    const failures: string[] = [];
    let calls = 0;
    const write = (() => {
      calls++;
      throw Object.assign(new Error('no space'), { code: 'ENOSPC' });
    }) as unknown as typeof writeSync;
    const out = directOutput(2, { fstat: kind('file'), write, real: fakeReal().real, failed: (error) => failures.push(error.code!) })!;
    expect(out.write('one\n')).toBe(false);
    expect(out.write('two\n')).toBe(false);
    expect(failures).toEqual(['ENOSPC']);
    expect(calls).toBe(1);
  });
});
