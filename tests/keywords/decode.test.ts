import { describe, expect, it } from 'vitest';
import { decodeExport } from '../../actions/engine/keywords/index.js';

const sample = 'Keyword\tVolume\ncafé crème\t1\n';

describe('decodeExport', () => {
  it('reads UTF-16LE with a BOM (Keyword Planner, Ahrefs UTF-16)', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(sample, 'utf16le')]);
    expect(decodeExport(bytes)).toEqual({ text: sample, encoding: 'utf-16le' });
  });

  it('reads UTF-16BE with a BOM', () => {
    const le = Buffer.from(sample, 'utf16le');
    const be = Buffer.alloc(le.length);
    for (let i = 0; i < le.length; i += 2) {
      be[i] = le[i + 1]!;
      be[i + 1] = le[i]!;
    }
    expect(decodeExport(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toEqual({
      text: sample,
      encoding: 'utf-16be',
    });
  });

  it('recognises UTF-16LE that lost its BOM by its null bytes', () => {
    expect(decodeExport(Buffer.from(sample, 'utf16le'))).toEqual({ text: sample, encoding: 'utf-16le' });
  });

  it('reads UTF-8 with and without a BOM', () => {
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(sample)]);
    expect(decodeExport(bom)).toEqual({ text: sample, encoding: 'utf-8' });
    expect(decodeExport(Buffer.from(sample))).toEqual({ text: sample, encoding: 'utf-8' });
  });

  it('falls back to Windows-1252 for bytes that are not UTF-8 (Excel "Save as CSV")', () => {
    const bytes = Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x96, 0x20, 0x80, 0x31]);
    expect(decodeExport(bytes)).toEqual({ text: 'café – €1', encoding: 'windows-1252' });
  });
});
