// The keyboard of every dialog form: Enter moves to the next field (and saves from the
// last), Ctrl+S or Ctrl+Enter saves, Esc closes.
export function dialogKeys(e: KeyboardEvent, fieldsSelector: string, submit: () => void, close: () => void) {
  if (e.key === 'Escape') {
    e.stopPropagation();
    close();
  } else if (e.ctrlKey && (e.key === 'Enter' || e.key.toLowerCase() === 's')) {
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
