import { z } from 'zod';

/** Sign-in and session rules; an administrator changes them, the archive's manifest keeps them. */
export const securityPolicySchema = z.object({
  minPasswordLength: z.number().int().min(8).max(128),
  /** Wrong passwords before each further attempt is slowed down (doubling from slowDelayMs). */
  slowAfterFailures: z.number().int().min(0).max(100),
  slowDelayMs: z.number().int().min(0).max(30_000),
  /** Wrong passwords in a row that lock the account for lockMinutes. */
  lockAfterFailures: z.number().int().min(1).max(100),
  lockMinutes: z.number().min(0).max(24 * 60),
  /** Minutes without activity before the session locks; 0 never locks. */
  idleLockMinutes: z.number().min(0).max(24 * 60),
});
export type SecurityPolicy = z.infer<typeof securityPolicySchema>;

export const defaultPolicy: SecurityPolicy = {
  minPasswordLength: 8,
  slowAfterFailures: 3,
  slowDelayMs: 1000,
  lockAfterFailures: 5,
  lockMinutes: 15,
  idleLockMinutes: 10,
};
