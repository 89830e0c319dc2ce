/**
 * What every reader returns: a value, or one message about the line. A `question` is asked when the line
 * could mean two things (or misses one fact, such as a growth goal's baseline) and quotes the line; other
 * messages say what is wrong and what to write instead.
 */
export type LineRead<T> = { ok: true; value: T } | { ok: false; message: string; question: boolean };

export function accept<T>(value: T): LineRead<T> {
  return { ok: true, value };
}

/**
 * A fact is missing or the line reads two ways: ask for it, quoting the line. A question that starts with
 * "needs" reads on from the quote (`\`300 MQLs\` needs a deadline: by when?`).
 */
export function ask(line: string, question: string): { ok: false; message: string; question: true } {
  const joint = question.startsWith('needs ') ? ' ' : ': ';
  return { ok: false, message: `${quote(line)}${joint}${question}`, question: true };
}

/** The line cannot be used as written; `message` already quotes what it refers to. */
export function refuse(message: string): { ok: false; message: string; question: false } {
  return { ok: false, message, question: false };
}

/** A user's text inside an inline code span: one line, no backticks, at most 80 characters. */
export function quote(text: string): string {
  const flat = text.replace(/[`\r\n]+/g, ' ').trim();
  const short = flat.length > 80 ? `${flat.slice(0, 79)}…` : flat;
  return `\`${short === '' ? ' ' : short}\``;
}

/** One non-blank line of an answer, with its 1-based position as the user sees it. */
export interface SourceLine {
  line: number;
  text: string;
}

/** A problem with one line of one field: `field` is the brief field, `line` the line's position. */
export interface LineProblem {
  field: string;
  line: number;
  text: string;
  message: string;
  question: boolean;
}

/** Values read from the lines of a field, each with the line it came from, and the problems. */
export interface LinesRead<T> {
  values: { line: number; value: T }[];
  problems: LineProblem[];
}
