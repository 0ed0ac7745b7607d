/**
 * The renderer's Content Security Policy, sent by both hosts. Scripts only from the app itself;
 * inline styles are allowed because Ant Design injects its CSS-in-JS as <style> elements.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
