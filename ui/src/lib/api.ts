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

// ---- Labels (templates, printers, previews, print jobs) ----
export type LabelSizePreset = '50x30mm' | '40x30mm' | '60x40mm' | '70x40mm' | '2.25x1.25in';
export type LabelSize = LabelSizePreset | { custom: { width_mm: number; height_mm: number } };
export type LabelField = 'code' | 'name' | 'model' | 'dept' | 'location' | 'acquired' | 'org';
export type LabelContent = { field: LabelField } | { extra: string } | { literal: string };
export type Symbology = 'code128' | 'code39' | 'qr' | 'data_matrix';
export interface TextElement {
  type: 'text'; x_mm: number; y_mm: number; font_size_pt: number; content: LabelContent;
  prefix?: string; max_width_mm?: number | null; shrink_to_fit?: boolean;
}
export interface BarcodeElement {
  type: 'barcode'; x_mm: number; y_mm: number; symbology: Symbology; content: LabelContent;
  module_mm: number; height_mm: number; human_readable: boolean; human_readable_size_pt: number;
}
export type LabelElement = TextElement | BarcodeElement;
export interface SheetLayout {
  page_width_mm?: number; page_height_mm?: number; columns: number; rows: number;
  margin_left_mm: number; margin_top_mm: number; gap_x_mm?: number; gap_y_mm?: number;
}
export interface LabelTemplate {
  version: number; name: string; description?: string; size: LabelSize;
  orientation: 'landscape' | 'portrait'; elements: LabelElement[]; sheet?: SheetLayout | null;
}
export interface TemplateInfo {
  name: string; description: string; builtin: boolean; is_default: boolean;
  width_mm: number; height_mm: number; sheet: boolean;
}
export type PreviewItem =
  | { kind: 'text'; x_mm: number; y_mm: number; size_pt: number; text: string }
  | { kind: 'bars'; x_mm: number; y_mm: number; module_mm: number; height_mm: number; bars: [number, number][] }
  | { kind: 'matrix'; x_mm: number; y_mm: number; module_mm: number; width: number; height: number; dark: [number, number][] };
export interface LabelPreviewData { width_mm: number; height_mm: number; items: PreviewItem[]; code: string }
export interface PrinterEntry {
  name: string; uri: string; language: 'pdf' | 'zpl' | 'tspl'; dpi: number;
  darkness: number | null; speed: number | null;
}
export interface LabelSettings { default_template: string; default_printer: string; printers: PrinterEntry[] }
export interface PrintRequest { codes: string[]; template?: string; printer?: string; start?: number; reason?: string; copies?: number }
export interface PrintResult { labels: number; bytes: number; out: string | null; printer: string | null; reprints: number }

export const labelsApi = {
  templates: () => call<TemplateInfo[]>('label_templates'),
  template: (name: string) => call<LabelTemplate>('label_template', { name }),
  save: (template: LabelTemplate, replacing: string | null) => call<void>('save_label_template', { template, replacing }),
  remove: (name: string) => call<void>('delete_label_template', { name }),
  setDefault: (name: string) => call<void>('set_default_label_template', { name }),
  exportTemplate: (name: string, path: string | null) => call<string>('export_label_template', { name, path }),
  importTemplate: (path: string) => call<string>('import_label_template', { path }),
  preview: (template: LabelTemplate, code: string | null, dpi: number | null) => call<LabelPreviewData>('preview_label', { template, code, dpi }),
  settings: () => call<LabelSettings>('label_settings'),
  saveSettings: (settings: LabelSettings) => call<void>('save_label_settings', { settings }),
  reprints: (codes: string[]) => call<string[]>('label_reprints', { codes }),
  print: (request: PrintRequest) => call<PrintResult>('print_labels', { request }),
};
