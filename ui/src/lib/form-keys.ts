// The keyboard of every dialog form: Enter moves to the next field (and saves from the
// last), Ctrl+S or Ctrl+Enter saves. Esc, focus and Tab belong to the `dialog` action
// (dialog.ts). A field that handled Enter itself (preventDefault) is left alone.
export function dialogKeys(e: KeyboardEvent, fieldsSelector: string, submit: () => void) {
  if (e.defaultPrevented) return;
  if (e.ctrlKey && (e.key === 'Enter' || e.key.toLowerCase() === 's')) {
    e.preventDefault();
    submit();
  } else if (e.key === 'Enter' && e.target instanceof HTMLInputElement) {
    e.preventDefault();
    const fields = Array.from(document.querySelectorAll<HTMLElement>(fieldsSelector));
    const next = fields[fields.indexOf(e.target) + 1];
    if (next) next.focus();
    else submit();
  }
}
