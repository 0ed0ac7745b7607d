import type { LocaleStrings } from './en.js';

export const zhTW: LocaleStrings = {
  app: {
    name: '客戶檔案櫃',
    tagline: '客戶檔案管理',
  },
  nav: {
    customers: '客戶',
    inbox: '待歸檔',
    documents: '檔案文件',
    reports: '報表',
    admin: '系統管理',
  },
  pages: {
    customers: { title: '客戶', empty: '尚無客戶。新建立的客戶會顯示在這裡。' },
    inbox: { title: '待歸檔', empty: '待歸檔為空。沒有封面頁的掃描檔會在這裡等待歸檔。' },
    documents: { title: '檔案文件', empty: '尚無檔案文件。已歸檔的掃描檔會顯示在這裡。' },
    reports: { title: '報表', empty: '合規報表將在這裡提供。' },
    admin: { title: '系統管理', empty: '使用者、角色、設定與備份將在這裡管理。' },
  },
  language: {
    label: '語言',
    'zh-CN': '简体中文',
    'zh-TW': '繁體中文',
    en: 'English',
  },
  status: {
    idle: '沒有背景工作',
    running: '{{label}}：{{done}} / {{total}}',
    version: '版本 {{version}}',
  },
  errors: {
    INVALID_INPUT: '請求無效，請檢查輸入的內容。',
    UNKNOWN_METHOD: '此版本的客戶檔案櫃不支援該操作。',
    FORBIDDEN_SENDER: '請求來自客戶檔案櫃之外，已被拒絕。',
    UNAUTHENTICATED: '請先登入。',
    INTERNAL: '客戶檔案櫃內部發生錯誤，未做任何變更。請重試或聯絡系統管理員。',
  },
  cli: {
    usage: '用法：dossier <命令> [選項]',
    commands: '命令：',
    options: '選項：',
    cmdHelp: '顯示本說明',
    cmdVersion: '顯示版本號',
    optJson: '以 JSON 格式輸出，供程式讀取',
    optLang: '訊息語言：zh-CN、zh-TW 或 en',
    unknownCommand: '未知命令「{{command}}」。執行「dossier help」檢視可用命令。',
    badOption: '{{message}}。執行「dossier help」檢視可用選項。',
  },
};
