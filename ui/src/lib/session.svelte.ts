// The logged-in user and what the backend says they may do (the UI mirrors, never decides).
import type { AppStatus } from './api';

let status = $state<AppStatus | null>(null);

export const session = {
  get status() {
    return status;
  },
  set(value: AppStatus) {
    status = value;
  },
  can(permission: string): boolean {
    return status?.permissions.includes(permission) ?? false;
  },
};
