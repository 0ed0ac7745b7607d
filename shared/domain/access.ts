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

/**
 * Scanned paper. Everyone but the administrator (who runs the system, not the files) may view
 * documents; the pages cannot be masked, so sensitive types (health declarations, claims) are for
 * the serving staff and the archivist who files them. Every view, print and export is audited.
 */
const ingestRoles: readonly Role[] = ['agent', 'account_manager', 'archivist', 'admin'];
const inboxRoles: readonly Role[] = ['agent', 'account_manager', 'archivist'];
const viewerRoles: readonly Role[] = ['agent', 'account_manager', 'supervisor', 'archivist', 'compliance'];
const sensitiveRoles: readonly Role[] = ['agent', 'account_manager', 'archivist'];
const printRoles: readonly Role[] = ['agent', 'account_manager', 'supervisor', 'archivist', 'compliance'];
/** A PDF leaves the archive's encryption: only those who answer for files and audits. */
const exportRoles: readonly Role[] = ['archivist', 'compliance'];
const sourceRoles: readonly Role[] = ['archivist', 'admin'];

export const ingestsFiles = (role: Role) => ingestRoles.includes(role);
export const reviewsInbox = (role: Role) => inboxRoles.includes(role);
export const managesQuarantine = (role: Role) => role === 'archivist';
export const managesSources = (role: Role) => sourceRoles.includes(role);
export const viewsDocuments = (role: Role, sensitive: boolean) => viewerRoles.includes(role) && (!sensitive || sensitiveRoles.includes(role));
export const printsDocuments = (role: Role) => printRoles.includes(role);
export const exportsDocuments = (role: Role) => exportRoles.includes(role);
