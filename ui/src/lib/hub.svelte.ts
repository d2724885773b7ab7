// The hub's sync state as the indicator shows it (issue 24): fetched once, then kept
// current by the backend's `hub-sync` events (the background sync, src-tauri/src/hub_sync.rs).
import { listen } from '@tauri-apps/api/event';
import { hubApi, type HubSyncState } from './api';

let current = $state<HubSyncState | null>(null);
// The indicator asked the 系统 page to open on its 数据中心 section.
let openPage = false;

export const hub = {
  get state() {
    return current;
  },
  set(s: HubSyncState) {
    current = s;
  },
  // Starts following the backend; returns the stop function.
  follow(): () => void {
    hubApi.syncState().then((s) => (current = s), () => {});
    const stop = listen<HubSyncState>('hub-sync', (e) => (current = e.payload));
    return () => {
      stop.then((f) => f());
    };
  },
  requestPage() {
    openPage = true;
  },
  takePageRequest(): boolean {
    const wanted = openPage;
    openPage = false;
    return wanted;
  },
};
