import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { KeywordFile } from '../../actions/engine/keywords/index.js';

/** Absolute path of a fixture export in tests/fixtures/keywords. */
export function fixturePath(name: string): string {
  return fileURLToPath(new URL(`../fixtures/keywords/${name}`, import.meta.url));
}

/** A fixture as `keywordsReport` takes it; the path is the bare name so messages are short. */
export function fixture(name: string): KeywordFile {
  return { path: name, bytes: readFileSync(fixturePath(name)) };
}

/** Text as a UTF-16LE file with a BOM, the way Keyword Planner and Ahrefs (UTF-16) write it. */
export function utf16File(path: string, text: string): KeywordFile {
  return { path, bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]) };
}

/** Text as a UTF-8 file. */
export function utf8File(path: string, text: string): KeywordFile {
  return { path, bytes: Buffer.from(text, 'utf8') };
}
