// UI language: zh-CN first, English complete. `t(key, params)` reads the current
// language reactively, so switching re-renders every label at once.
import { zh } from './i18n-zh';
import { en } from './i18n-en';

export type Lang = 'zh-CN' | 'en';
const dictionaries: Record<Lang, Record<string, string>> = { 'zh-CN': zh, en };

let current = $state<Lang>((localStorage.getItem('assetdesk.lang') as Lang) || 'zh-CN');

export const i18n = {
  get lang(): Lang {
    return current;
  },
  set lang(value: Lang) {
    current = value;
    localStorage.setItem('assetdesk.lang', value);
    document.documentElement.lang = value;
  },
};

export function t(key: string, params: Record<string, string | number> = {}): string {
  const text = dictionaries[current][key] ?? zh[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(params[name] ?? `{${name}}`));
}
