// One line of feedback above the work area: errors stay until dismissed or replaced,
// successes fade by themselves.
import { isApiError } from './api';

export interface Notice { kind: 'error' | 'ok'; text: string; id: number }

let current = $state<Notice | null>(null);
let counter = 0;

export const notice = {
  get current() {
    return current;
  },
  ok(text: string) {
    const id = ++counter;
    current = { kind: 'ok', text, id };
    setTimeout(() => {
      if (current?.id === id) current = null;
    }, 4000);
  },
  error(e: unknown) {
    current = { kind: 'error', text: isApiError(e) ? e.message : String(e), id: ++counter };
  },
  clear() {
    current = null;
  },
};
