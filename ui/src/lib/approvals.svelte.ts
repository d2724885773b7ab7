// The 待审批 badge in the navigation (issue 20): how many documents wait for this user's
// approval. Only an approver has a count; refreshed on login and after each decision.
import { approvals } from './api';
import { session } from './session.svelte';

let count = $state(0);

export const pendingBadge = {
  get count() {
    return count;
  },
  async refresh() {
    if (!session.can('approve_documents')) {
      count = 0;
      return;
    }
    try {
      count = (await approvals.pending()).filter((p) => !p.own).length;
    } catch {
      count = 0;
    }
  },
  clear() {
    count = 0;
  },
};
