import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { CrescendoError } from '../../errors.js';
import { zodProblems } from '../../files/yaml.js';

const PullRequestRecord = z.object({
  number: z.number().int().positive(),
  branch: z.string().min(1),
  base: z.string().min(1),
  title: z.string(),
  body: z.string(),
  state: z.enum(['open', 'closed', 'merged']),
  labels: z.array(z.string()),
  url: z.string(),
  mergedAt: z.string().optional(),
  mergedBy: z.string().optional(),
  headSha: z.string(),
});

const ReviewCommentRecord = z.object({
  id: z.number().int(),
  path: z.string().min(1),
  line: z.number().int().positive().optional(),
  body: z.string(),
  author: z.string(),
});

const ReviewRecord = z.object({
  /** Absent in records from before reviews had ids. */
  id: z.number().int().optional(),
  author: z.string(),
  state: z.enum(['APPROVED', 'CHANGES_REQUESTED', 'COMMENTED']),
  body: z.string(),
  submittedAt: z.string(),
  /** Comments on lines of the pull request's files. */
  comments: z.array(ReviewCommentRecord).optional(),
});

const CommentRecord = z.object({
  id: z.number().int(),
  issue: z.number().int(),
  body: z.string(),
  /** Who wrote it; records from before authors were kept are Crescendo's (nothing else wrote comments). */
  author: z.string().optional(),
});

/** An issue Crescendo opened (the next cycle's); campaign issues live on GitHub, not here. */
const IssueRecord = z.object({
  number: z.number().int().positive(),
  title: z.string(),
  body: z.string(),
  labels: z.array(z.string()),
  state: z.enum(['open', 'closed']),
});
export type LocalIssue = z.infer<typeof IssueRecord>;

/** What a local repository keeps that git cannot: its pull requests, reviews, comments, labels and issues. */
export const LocalRecords = z.object({
  nextNumber: z.number().int().positive().default(1),
  /** Ids of reviews and their comments (one sequence, like GitHub's). */
  nextId: z.number().int().positive().optional(),
  issues: z.array(IssueRecord).default([]),
  pulls: z.array(PullRequestRecord).default([]),
  reviews: z.record(z.string(), z.array(ReviewRecord)).default({}),
  comments: z.array(CommentRecord).default([]),
  labels: z.record(z.string(), z.array(z.string())).default({}),
});
export type LocalRecords = z.infer<typeof LocalRecords>;

export const emptyRecords = (): LocalRecords => LocalRecords.parse({});

const FIX =
  'restore the file from a backup, or delete it: branches and commits stay, but Crescendo forgets which pull requests are open and merged';

/** 1-based line a JSON.parse message points at: its "at position N", or the last line for a cut-off file. */
function lineOfPosition(text: string, message: string): number | undefined {
  const position = /position (\d+)/.exec(message)?.[1];
  if (position !== undefined) return text.slice(0, Number(position)).split('\n').length;
  return /end of JSON input/.test(message) ? text.trimEnd().split('\n').length : undefined;
}

/** Parses the records file; anything but valid records is a located error, never an empty start. */
export function parseRecords(text: string, file: string): LocalRecords {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    throw new CrescendoError('is not valid JSON: the local pull-request records are damaged', {
      where: file,
      problems: [{ where: file, line: lineOfPosition(text, message), message }],
      fix: FIX,
    });
  }
  const result = LocalRecords.safeParse(value);
  if (result.success) return result.data;
  throw new CrescendoError('does not hold valid local pull-request records', {
    where: file,
    problems: zodProblems(result.error).map((p) => ({ ...p, where: `${file} ${p.where}` })),
    fix: FIX,
  });
}

/** The records at `path`; a missing file is a repository with no pull requests yet. */
export async function readRecords(path: string, label: string): Promise<LocalRecords> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyRecords();
    throw error;
  }
  return parseRecords(text, label);
}

/** Writes the records atomically: a temporary file renamed over the old one, so a reader or a crash never sees half. */
export async function writeRecords(path: string, records: LocalRecords): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.${randomUUID()}.tmp`;
  try {
    await writeFile(temp, `${JSON.stringify(records, null, 2)}\n`, { flush: true });
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
