// What every modal dialog does with the keyboard (issue 27): the first field takes the
// focus when the dialog opens, Tab and Shift+Tab stay inside it, Esc closes it from
// wherever the focus is, and the element that had the focus gets it back on close.
// Enter and Ctrl+Enter stay with the form (see form-keys.ts).
// Usage: <div class="overlay" use:dialog={{ onClose }}>.

const FOCUSABLE = 'input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), button:not([disabled]), [href], [tabindex]:not([tabindex="-1"])';
const FIELDS = 'input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled])';

export interface DialogOptions { onClose: () => void }

function visible(el: HTMLElement): boolean {
  return el.offsetParent !== null || el.getClientRects().length > 0;
}

export function dialog(node: HTMLElement, options: DialogOptions) {
  let opts = options;
  const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const focusables = () => Array.from(node.querySelectorAll<HTMLElement>(FOCUSABLE)).filter(visible);

  function focusFirst() {
    if (node.contains(document.activeElement) && document.activeElement !== node) return;
    const first = node.querySelector<HTMLElement>('[autofocus]:not([disabled])')
      ?? Array.from(node.querySelectorAll<HTMLElement>(FIELDS)).find(visible)
      ?? focusables()[0]
      ?? node;
    first.focus();
  }

  function onKeydown(e: KeyboardEvent) {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      opts.onClose();
    } else if (e.key === 'Tab') {
      const all = focusables();
      if (!all.length) return e.preventDefault();
      const i = all.indexOf(document.activeElement as HTMLElement);
      const next = e.shiftKey ? (i <= 0 ? all[all.length - 1] : all[i - 1]) : (i === -1 || i === all.length - 1 ? all[0] : all[i + 1]);
      e.preventDefault();
      next.focus();
    }
  }

  // Focus that escapes (a click on the overlay, a window switch) comes back inside.
  function onFocusIn(e: FocusEvent) {
    if (e.target instanceof Node && !node.contains(e.target)) focusFirst();
  }

  // Keys pressed while the focus is still behind the overlay (before the first frame).
  function onWindowKeydown(e: KeyboardEvent) {
    if (!(e.target instanceof Node) || !node.contains(e.target)) {
      if (e.key === 'Escape') onKeydown(e);
      else if (e.key === 'Tab') {
        e.preventDefault();
        focusFirst();
      }
    }
  }

  node.addEventListener('keydown', onKeydown);
  document.addEventListener('focusin', onFocusIn);
  window.addEventListener('keydown', onWindowKeydown, true);
  // After Svelte has rendered the fields (and run any autofocus of its own).
  const frame = requestAnimationFrame(focusFirst);
  queueMicrotask(focusFirst);

  return {
    update(next: DialogOptions) {
      opts = next;
    },
    destroy() {
      cancelAnimationFrame(frame);
      node.removeEventListener('keydown', onKeydown);
      document.removeEventListener('focusin', onFocusIn);
      window.removeEventListener('keydown', onWindowKeydown, true);
      if (before && document.contains(before)) before.focus();
    },
  };
}
