// The only place the UI talks to the backend. Every call goes through `call`, which
// turns a rejected invoke into an ApiError carrying the backend's stable code.
import { invoke } from '@tauri-apps/api/core';

export interface ApiError { code: string; message: string; fields: string[] }

export function isApiError(e: unknown): e is ApiError {
  return typeof e === 'object' && e !== null && 'code' in e && 'message' in e;
}

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    if (isApiError(e)) throw { ...e, fields: e.fields ?? [] } as ApiError;
    throw { code: 'internal', message: String(e), fields: [] } as ApiError;
  }
}

export type Status = 'in_stock' | 'in_use' | 'on_loan' | 'under_repair' | 'scrapped' | 'disposed' | 'written_off' | 'missing';
export const STATUSES: Status[] = ['in_stock', 'in_use', 'on_loan', 'under_repair', 'scrapped', 'disposed', 'written_off', 'missing'];
export type RegisterKind = 'category' | 'dept' | 'location' | 'person';

export interface AppStatus {
  initialized: boolean;
  data_dir: string;
  org_name: string;
  lang: string;
  user: { name: string; role: 'admin' | 'power' | 'normal'; dept_id: number | null } | null;
  permissions: string[];
}

export interface AssetRow {
  code: string; name: string; category: string; model: string; status: Status;
  dept: string | null; location: string | null; custodian: string | null;
  acquired: string | null; value: string;
}

export interface HistoryEntry {
  date: string; doc_no: string; kind: string; kind_label: string; operator: string;
  counterparty: string; status: Status; detail: string;
}

export interface AssetDetail extends AssetRow {
  serial: string; life_years: number | null; salvage_rate: string; salvage: string | null;
  method: string; notes: string; created_at: string; history: HistoryEntry[];
  open_defect: string | null; open_fault: string | null; allowed: DocKind[];
}

export interface AssetInput {
  code: string; name: string; category: string; model: string; serial: string;
  dept: string; location: string; custodian: string; acquired: string; value: string;
  life_years: string; salvage_rate: string; salvage: string; method: string; notes: string;
}

export interface AssetQuery {
  text?: string; status?: string; category?: string; dept?: string; location?: string;
  custodian?: string; acquired_from?: string; acquired_to?: string; value_min?: string;
  value_max?: string; sort?: string; desc?: boolean; offset?: number; limit?: number;
}

export interface Page<T> { total: number; rows: T[] }
export interface RegisterItem { name: string; active: boolean; dept: string | null; asset_count: number }

export const api = {
  status: () => call<AppStatus>('app_status'),
  setup: (input: { org_name: string; admin_name: string; admin_password: string; lang: string }) =>
    call<AppStatus>('setup_ledger', { input }),
  login: (name: string, password: string) => call<AppStatus>('login', { name, password }),
  logout: () => call<AppStatus>('logout'),
  setLanguage: (lang: string) => call<AppStatus>('set_language', { lang }),
  listAssets: (query: AssetQuery) => call<Page<AssetRow>>('list_assets', { query }),
  getAsset: (code: string) => call<AssetDetail>('get_asset', { code }),
  addAsset: (input: AssetInput) => call<string>('add_asset', { input }),
  editAsset: (code: string, input: AssetInput) => call<void>('edit_asset', { code, input }),
  listRegister: (kind: RegisterKind) => call<RegisterItem[]>('list_register', { kind }),
  addRegister: (kind: RegisterKind, name: string, dept?: string) => call<void>('add_register', { kind, name, dept: dept ?? null }),
  renameRegister: (kind: RegisterKind, old: string, newName: string) => call<void>('rename_register', { kind, old, new: newName }),
  setRegisterActive: (kind: RegisterKind, name: string, active: boolean) =>
    call<void>('set_register_active', { kind, name, active }),
};

export interface StatusTotal { status: Status; count: number; value: string }
export const statusTotals = () => call<StatusTotal[]>('status_totals');

export type DocKind =
  | 'issue' | 'return' | 'transfer' | 'loan' | 'loan-return' | 'defect' | 'defect-clear'
  | 'fault' | 'repair' | 'scrap' | 'dispose' | 'write-off' | 'void' | 'register' | 'edit';

export interface DocRequest {
  kind: DocKind; codes: string[]; date?: string; person?: string; dept?: string; location?: string;
  due?: string; amount?: string; method?: string; reason?: string; cause?: string;
  cause_category?: string; handling?: string; vendor?: string; notes?: string; source?: string;
}

export interface DocumentRow {
  doc_no: string; kind: DocKind; kind_label: string; date: string; operator: string;
  counterparty: string; asset_count: number; state: 'posted' | 'voided'; notes: string;
}

export interface DocumentLine {
  code: string; name: string; prev_status: Status | null; status: Status;
  dept: string | null; location: string | null; custodian: string | null; detail: string;
}

export interface DocumentDetail extends DocumentRow {
  person: string | null; to_dept: string | null; to_location: string | null; due: string | null;
  amount: string | null; method: string; reason: string; source: string | null;
  voided_by: string | null; lines: DocumentLine[];
}

export interface DocQuery { kind?: string; text?: string; from?: string; to?: string; offset?: number; limit?: number }
export interface Loan { code: string; name: string; borrower: string; due: string; doc_no: string; overdue_days: number }
export interface ExportResult { file: string; rows: number }

export const docs = {
  post: (request: DocRequest) => call<string>('post_document', { request }),
  void: (docNo: string, reason: string) => call<string>('void_document', { docNo, reason }),
  list: (query: DocQuery) => call<Page<DocumentRow>>('list_documents', { query }),
  get: (docNo: string) => call<DocumentDetail>('get_document', { docNo }),
  loans: () => call<Loan[]>('open_loans'),
};

export const exports = {
  assets: (query: AssetQuery) => call<ExportResult>('export_assets', { query }),
  documents: (query: DocQuery) => call<ExportResult>('export_documents', { query }),
  cancel: () => call<void>('cancel_export'),
};

// Depreciation (issue 6).
export interface DepPeriod {
  period: string; state: 'posted' | 'reopened'; assets: number; total: string; posted_by: string; posted_at: string;
  reopened_by: string | null; reopened_at: string | null; reopen_reason: string | null;
}
export interface DepStatus { last_posted: string | null; next: string | null; periods: DepPeriod[] }
export interface DepLine {
  code: string; name: string; category: string; dept: string | null; method: string; method_label: string;
  cost: string; amount: string; accumulated: string; net_book_value: string;
}
export interface DepSummary { group: string; assets: number; cost: string; amount: string; accumulated: string; net_book_value: string }
export interface DepRun {
  period: string; posted: boolean; assets: number; total: string; accumulated: string; net_book_value: string;
  line_count: number; lines: DepLine[]; by_category: DepSummary[]; posted_by: string | null; posted_at: string | null;
  late_start: string[];
}
export interface ScheduleRow { period: string; amount: string; accumulated: string; net_book_value: string; posted: boolean }
export interface DepRevision {
  effective: string; reason: string; old_life_years: number | null; new_life_years: number | null;
  old_salvage: string; new_salvage: string; old_method: string; new_method: string; accumulated: string; by: string; at: string;
}
export interface AssetSchedule {
  code: string; method: string; cost: string; salvage: string; life_months: number | null; start: string | null;
  leaves: string | null; opening_period: string | null; opening_accumulated: string | null; accumulated: string;
  net_book_value: string; depreciable: boolean; rows: ScheduleRow[]; revisions: DepRevision[];
}
export interface RevisionInput { reason: string; life_years?: string; salvage_rate?: string; salvage?: string; method?: string; total_units?: string }
export interface Disposal { doc_no: string; date: string; proceeds: string; costs: string; net_book_value: string; gain_loss: string }

export const valuation = {
  status: () => call<DepStatus>('depreciation_status'),
  preview: (period: string) => call<DepRun>('preview_depreciation', { period }),
  run: (period: string) => call<DepRun>('run_depreciation', { period }),
  reopen: (period: string, reason: string) => call<void>('reopen_period', { period, reason }),
  detail: (period: string) => call<DepRun>('depreciation_detail', { period }),
  summary: (period: string, by: 'category' | 'dept') => call<DepSummary[]>('depreciation_summary', { period, by }),
  schedule: (code: string) => call<AssetSchedule>('asset_schedule', { code }),
  revise: (code: string, input: RevisionInput) => call<string>('revise_depreciation', { code, input }),
  disposal: (docNo: string) => call<Disposal>('disposal_valuation', { docNo }),
  export: (period: string, kind: 'detail' | 'category' | 'dept' | 'register') => call<ExportResult>('export_depreciation', { period, kind }),
  setDisposalCosts: (docNo: string, costs: string) => call<Disposal>('set_disposal_costs', { docNo, costs }),
  disposals: (from: string, to: string) => call<Disposal[]>('disposal_report', { from, to }),
  setUnitsUsed: (code: string, period: string, units: string) => call<void>('set_units_used', { code, period, units }),
  setTotalUnits: (code: string, units: string) => call<void>('set_total_units', { code, units }),
  categoryDefaults: () => call<CategoryDefaults[]>('category_defaults'),
  setCategoryDefaults: (category: string, method: string, lifeYears: string, salvageRate: string) =>
    call<void>('set_category_defaults', { category, method, lifeYears, salvageRate }),
};
export interface CategoryDefaults { category: string; method: string; life_years: number | null; salvage_rate: string }
