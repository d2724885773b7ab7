// The logged-in user and what the backend says they may do (the UI mirrors, never decides).
import type { AppStatus } from './api';
import { clearLists } from './list-state';

let status = $state<AppStatus | null>(null);
// Why the backend ended the session (issue 20: the user was disabled or their password
// reset meanwhile), shown on the login screen until someone logs in.
let ended = $state('');

export const session = {
  get status() {
    return status;
  },
  get ended() {
    return ended;
  },
  set(value: AppStatus) {
    status = value;
    if (value.user) ended = '';
  },
  can(permission: string): boolean {
    return status?.permissions.includes(permission) ?? false;
  },
  // The backend refused a call because the session is over: back to the login screen
  // with its message, nothing of the session's lists kept.
  end(message: string) {
    if (!status?.user) return;
    ended = message;
    clearLists();
    sessionStorage.clear();
    status = { ...status, user: null, permissions: [] };
  },
};
