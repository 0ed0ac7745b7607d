/** Where the CLI writes; a parameter so tests run the real CLI in-process and read what it printed. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  env: Record<string, string | undefined>;
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  env: process.env,
};

/** Exit codes every verb keeps to. */
export const exitCodes = { ok: 0, failure: 1, usage: 2 } as const;
