// The one print preview of the window (issue 18): any page opens it for a printable
// (`openPrintPreview`), Shell shows it. `printNow` is 保存并打印's path: straight to the
// printer this computer used last, or the preview when there is none yet or it fails.
import { paper, type Printable, type Printed } from './api';
import { notice } from './notice.svelte';
import { t } from './i18n.svelte';

export interface PreviewRequest {
  source: Printable;
  /** The message key for 保存PDF's notice ({file}). */
  savedKey?: string;
}

let current = $state<PreviewRequest | null>(null);

export const printPreview = {
  get current() {
    return current;
  },
  close() {
    current = null;
  },
};

export function openPrintPreview(source: Printable, savedKey = 'paper.saved') {
  current = { source, savedKey };
}

export function printedNotice(r: Printed): string {
  const text = t('paper.printed', { copies: r.copies, pages: r.pages, printer: r.printer });
  return r.warnings.length ? `${text}${t('paper.warning_sep')}${r.warnings.join(t('paper.list_sep'))}` : text;
}

export async function printNow(source: Printable, savedKey = 'paper.saved') {
  let last: string | null = null;
  try {
    last = (await paper.printers()).last;
  } catch {
    last = null;
  }
  if (!last) return openPrintPreview(source, savedKey);
  let id: number | null = null;
  try {
    const preview = await paper.preview(source);
    id = preview.id;
    notice.ok(printedNotice(await paper.print(id, last, 1)));
  } catch (e) {
    notice.error(e);
    openPrintPreview(source, savedKey);
  } finally {
    if (id !== null) paper.close(id).catch(() => {});
  }
}
