/** Read access to the repository at one ref (the default branch for a stage: what was approved). */
export interface RepoFiles {
  readFile(path: string): Promise<string | undefined>;
  /** File bytes as committed, for inputs that are not UTF-8 text (UTF-16 keyword exports). */
  readBytes(path: string): Promise<Uint8Array | undefined>;
  /**
   * A file's bytes as a stream of chunks, for inputs of any size (performance exports); readers without it
   * fall back to `readBytes`.
   */
  readStream?(path: string): AsyncIterable<Uint8Array>;
  /** Paths of all files below `dir`, recursively, sorted. */
  listFiles(dir: string): Promise<string[]>;
}
