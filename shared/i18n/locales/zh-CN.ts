import type { LocaleStrings } from './en.js';

export const zhCN: LocaleStrings = {
  app: {
    name: '客户档案柜',
    tagline: '客户档案管理',
  },
  nav: {
    customers: '客户',
    inbox: '待归档',
    documents: '档案文件',
    reports: '报表',
    admin: '系统管理',
  },
  pages: {
    customers: { title: '客户', empty: '还没有客户。新建的客户会显示在这里。' },
    inbox: { title: '待归档', empty: '待归档为空。没有封面页的扫描件会在这里等待归档。' },
    documents: { title: '档案文件', empty: '还没有档案文件。已归档的扫描件会显示在这里。' },
    reports: { title: '报表', empty: '合规报表将在这里提供。' },
    admin: { title: '系统管理', empty: '用户、角色、设置和备份将在这里管理。' },
  },
  language: {
    label: '语言',
    'zh-CN': '简体中文',
    'zh-TW': '繁體中文',
    en: 'English',
  },
  status: {
    idle: '没有后台任务',
    running: '{{label}}：{{done}} / {{total}}',
    version: '版本 {{version}}',
  },
  errors: {
    INVALID_INPUT: '请求无效，请检查输入的内容。',
    UNKNOWN_METHOD: '此版本的客户档案柜不支持该操作。',
    FORBIDDEN_SENDER: '请求来自客户档案柜之外，已被拒绝。',
    UNAUTHENTICATED: '请先登录。',
    INTERNAL: '客户档案柜内部出错，未做任何更改。请重试或联系系统管理员。',
  },
  cli: {
    usage: '用法：dossier <命令> [选项]',
    commands: '命令：',
    options: '选项：',
    cmdHelp: '显示本帮助',
    cmdVersion: '显示版本号',
    optJson: '以 JSON 格式输出，供程序读取',
    optLang: '消息语言：zh-CN、zh-TW 或 en',
    unknownCommand: '未知命令“{{command}}”。运行“dossier help”查看可用命令。',
    badOption: '{{message}}。运行“dossier help”查看可用选项。',
  },
};
