// The hub and call-client write messages as "中文 / English"; the page shows the half for its language.
export function pickLanguage(text: string, locale: string): string {
  const at = text.indexOf(' / ');
  if (at < 0) return text;
  return locale === 'en' ? text.slice(at + 3) : text.slice(0, at);
}
