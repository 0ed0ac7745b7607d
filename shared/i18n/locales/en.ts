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
