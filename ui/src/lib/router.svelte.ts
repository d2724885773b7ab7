// Which screen is showing. Plain state, no URL routing: the app has one window.
export type Route =
  | { page: 'home' }
  | { page: 'ledger' }
  | { page: 'card'; code: string }
  | { page: 'new' }
  | { page: 'edit'; code: string }
  | { page: 'documents' }
  | { page: 'doc'; docNo: string }
  | { page: 'import' }
  | { page: 'labels' }
  | { page: 'system' }
  // stocktake
  | { page: 'stocktake' }
  | { page: 'stocktake-run'; id: number }
  | { page: 'stocktake-review'; id: number }
  // Depreciation (issue 6).
  | { page: 'value' }
  // Low-value consumables (issue 7).
  | { page: 'consumables' }
  // Standard reports (issue 9).
  | { page: 'reports' }
  // Repairs and maintenance (issue 22).
  | { page: 'repairs' }
  // Scanning (issue 19): the scanner test screen, from the stocktake screen.
  | { page: 'scanner-test'; back: { page: 'stocktake-run'; id: number } | null }
  // Approvals (issue 20): the 待审批 queue.
  | { page: 'approvals' };

let current = $state<Route>({ page: 'home' });

export const router = {
  get route(): Route {
    return current;
  },
  go(route: Route) {
    current = route;
  },
};
