import type { CredentialCheck, PlannedRequest } from '../publisher.js';

/** Where the site lives: a folder on disk, or a GitHub repository written through the git data API. */
export interface SiteStore {
  /** For messages: "folder /work/site" or "GitHub acme/site (main)". */
  readonly label: string;
  /** The file at a path inside the site, or undefined when there is none. */
  read(path: string): Promise<{ text: string; modifiedAt?: string } | undefined>;
  /** Writes one file as one change (atomic rename, or one commit); returns the commit when there is one. */
  write(path: string, text: string, message: string): Promise<{ commit?: string }>;
  /** The requests `write` would make, secrets redacted. */
  plan(path: string, text: string, message: string): PlannedRequest[];
  /** A read-only proof that the folder or repository can be written. */
  check(): Promise<CredentialCheck>;
}
