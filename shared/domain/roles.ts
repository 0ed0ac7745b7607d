/** REQUIREMENTS §1. */
export const roles = ['agent', 'account_manager', 'supervisor', 'archivist', 'compliance', 'admin'] as const;
export type Role = (typeof roles)[number];
