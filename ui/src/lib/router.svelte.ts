// Which screen is showing. Plain state, no URL routing: the app has one window.
export type Route =
  | { page: 'home' }
  | { page: 'ledger' }
  | { page: 'card'; code: string }
  | { page: 'new' }
  | { page: 'edit'; code: string }
  | { page: 'documents' }
  | { page: 'doc'; docNo: string }
  | { page: 'labels' }
  | { page: 'system' };

let current = $state<Route>({ page: 'home' });

export const router = {
  get route(): Route {
    return current;
  },
  go(route: Route) {
    current = route;
  },
};
