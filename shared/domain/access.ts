import type { Role } from './roles.js';

/**
 * Who sees identifiers (ID numbers, credit codes, phone numbers) unmasked: the staff who serve
 * and file for customers. Supervisors, compliance and administrators work on masked data
 * (REQUIREMENTS §6); they read full values only through an approved request (a later issue).
 */
const identifierRoles: readonly Role[] = ['agent', 'account_manager', 'archivist'];
/** Health status is sensitive personal information (PIPL art. 28): only the serving staff. */
const healthRoles: readonly Role[] = ['agent', 'account_manager'];
/** Who creates and edits customer records and policies. */
const editorRoles: readonly Role[] = ['agent', 'account_manager', 'archivist', 'admin'];

export const seesIdentifiers = (role: Role) => identifierRoles.includes(role);
export const seesHealth = (role: Role) => healthRoles.includes(role);
export const editsRecords = (role: Role) => editorRoles.includes(role);
