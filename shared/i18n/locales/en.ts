export const en = {
  app: {
    name: 'Dossier',
    tagline: 'Customer file archive',
  },
  nav: {
    customers: 'Customers',
    inbox: 'Inbox',
    documents: 'Documents',
    reports: 'Reports',
    admin: 'Administration',
  },
  pages: {
    customers: { title: 'Customers', empty: 'No customers yet. Customers you create will be listed here.' },
    inbox: { title: 'Inbox', empty: 'The inbox is empty. Scans without a cover sheet wait here to be filed.' },
    documents: { title: 'Documents', empty: 'No documents yet. Filed scans will be listed here.' },
    reports: { title: 'Reports', empty: 'Compliance reports will be available here.' },
    admin: { title: 'Administration', empty: 'Users, roles, settings and backups will be managed here.' },
  },
  language: {
    label: 'Language',
    'zh-CN': '简体中文',
    'zh-TW': '繁體中文',
    en: 'English',
  },
  status: {
    idle: 'No background work',
    running: '{{label}}: {{done}} of {{total}}',
    version: 'Version {{version}}',
  },
  errors: {
    INVALID_INPUT: 'The request was not valid. Please check what you entered.',
    UNKNOWN_METHOD: 'This action is not available in this version of Dossier.',
    FORBIDDEN_SENDER: 'The request came from outside Dossier and was refused.',
    UNAUTHENTICATED: 'Please sign in first.',
    INTERNAL: 'Something went wrong inside Dossier. Nothing was changed; please try again or ask your administrator.',
    NOT_AN_ARCHIVE: 'This folder is not a Dossier archive. Choose the folder that holds your archive, or an empty folder for a new one.',
    NO_ARCHIVE: 'There is no archive in this folder yet. Create one first.',
    FOLDER_NOT_EMPTY: 'This folder is not empty. A new archive needs an empty folder; nothing was changed.',
    ARCHIVE_DAMAGED: 'The archive database is damaged or incomplete and was not opened. Nothing was changed; restore it from a backup or ask your administrator.',
    ARCHIVE_TOO_NEW: 'This archive was made by a newer version of Dossier. Install that version to open it; nothing was changed.',
    ARCHIVE_LOCKED: 'The archive is locked. Sign in to continue.',
    WRONG_PASSWORD: 'The user name or password is not correct.',
    ACCOUNT_LOCKED: 'Too many wrong passwords. This account is locked until {{until}}.',
    WEAK_PASSWORD: 'The password must have at least {{min}} characters.',
    USER_EXISTS: 'A user with this name already exists.',
    USER_NOT_FOUND: 'There is no such user.',
    PERMISSION_DENIED: 'Your role does not allow this.',
    PAGE_MISSING: 'A stored page ({{id}}) is missing from the archive folder.',
    PAGE_CORRUPT: 'A stored page ({{id}}) is damaged: its content no longer matches what was stored.',
  },
  cli: {
    usage: 'Usage: dossier <command> [options]',
    commands: 'Commands:',
    options: 'Options:',
    cmdHelp: 'Show this help',
    cmdVersion: 'Print the version',
    optJson: 'Machine-readable JSON output',
    optLang: 'Language of messages: zh-CN, zh-TW or en',
    unknownCommand: 'Unknown command "{{command}}". Run "dossier help" to see the commands.',
    badOption: '{{message}}. Run "dossier help" to see the options.',
  },
} as const;

type Strings<T> = { readonly [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };
/** Every locale has exactly the keys of the English one. */
export type LocaleStrings = Strings<typeof en>;
