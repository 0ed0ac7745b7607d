import { z } from 'zod';

/** Error codes that cross the IPC boundary. Each has a message under `errors.<code>` in every locale. */
export const errorCodes = [
  'INVALID_INPUT',
  'UNKNOWN_METHOD',
  'FORBIDDEN_SENDER',
  'UNAUTHENTICATED',
  'INTERNAL',
  'NOT_AN_ARCHIVE',
  'NO_ARCHIVE',
  'FOLDER_NOT_EMPTY',
  'ARCHIVE_DAMAGED',
  'ARCHIVE_TOO_NEW',
  'ARCHIVE_LOCKED',
  'WRONG_PASSWORD',
  'ACCOUNT_LOCKED',
  'WEAK_PASSWORD',
  'USER_EXISTS',
  'USER_NOT_FOUND',
  'PERMISSION_DENIED',
  'PAGE_MISSING',
  'PAGE_CORRUPT',
  'NOT_FOUND',
  'DUPLICATE_CUSTOMER',
  'DUPLICATE_POLICY',
  'NOT_AVAILABLE',
  'INVALID_STATE',
  'SCANNER_FAILED',
  'BATCH_CLOSED',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export const ipcErrorSchema = z.object({
  code: z.enum(errorCodes),
  messageKey: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type IpcError = z.infer<typeof ipcErrorSchema>;

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: IpcError };

/** Raised by services; the router turns it into an error envelope. */
export class DossierError extends Error {
  /** `message` names a more precise message than the code's own (`errors.<code>`), e.g. `reports.errors.reversedPeriod`. */
  constructor(
    readonly code: ErrorCode,
    readonly details?: Record<string, unknown>,
    private readonly specificKey?: string,
  ) {
    super(code);
    this.name = 'DossierError';
  }

  get messageKey(): string {
    return this.specificKey ?? `errors.${this.code}`;
  }
}
