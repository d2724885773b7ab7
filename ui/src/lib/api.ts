// The only place the UI talks to the backend. Every call goes through `call`, which
// turns a rejected invoke into an ApiError carrying the backend's stable code.
import { invoke } from '@tauri-apps/api/core';
import { session } from './session.svelte';
// The types shared with the backend are generated from the Rust types of crates/api
// (ui/src/generated/api.ts); only the shapes of areas not yet moved there are written below.
import type {
  AssetDetail, AssetInput, AssetQuery, AssetRow, CardExtras, CustomField, Dashboard, DocKind, DocQuery,
  DocRequest, DocumentDetail, DocumentRow, LowStock, Loan, Page, RegisterItem, RegisterKind, SelectionAction,
  Status, StatusTotal,
  CloseResult, ExportResult, HidDevice, ScanImportResult, ScanOutcome, ScanRow, ScanSource, ScannerStatus, SerialConfig, SerialPort,
  Stocktake, StocktakeInput, StocktakeReport,
  Budget, ConsumableItem, ConsumableItemInput, ConsumableMove, ConsumableStats, MoveQuery, MoveRequest, StatsQuery,
  ReportColumnInfo, ReportRequest, ReportTable,
  AuditLog, BackupInfo, BackupStatus, Parameters,
  CardChange, ImportBatch, ImportPlan, ImportResult, LoanExtension, PlanRequest, ReviewLine, ReviewRequest, VoidBlocker,
  BatchQuery,
} from '../generated/api';
export type {
  AssetDetail, AssetInput, AssetQuery, AssetRow, Attachment, CardExtras, CustomField, CustomValue, Dashboard,
  DocKind, DocQuery, DocRequest, DocumentDetail, DocumentLine, DocumentRow, Group, HistoryEntry, Loan, LowStock,
  OpenStocktake, Page, RegisterItem, RegisterKind, RepairRecord, SelectionAction, Status, StatusTotal, WarrantyEnding,
  CloseResult, Counters, DiffLine, DiffStat, ExportResult, HidDevice, ScanImportResult, ScanOutcome, ScanRow, ScanSource,
  ScannerReject, ScannerStatus, SerialConfig, SerialPort, Stocktake, StocktakeInput, StocktakeReport, Verdict,
  Budget, BudgetLine, BudgetTotal, ConsumableItem, ConsumableItemInput, ConsumableMove, ConsumableStats, MoveKind, MoveQuery,
  MoveRequest, StatsQuery, StatsRow,
  ReportColumnInfo, ReportRequest, ReportTable, ReportTableColumn, ReportTableSection,
  AuditEntry, AuditLog, BackupInfo, BackupStatus, LedgerParameters, Parameters,
  CardChange, ImportBatch, ImportPlan, ImportResult, LoanExtension, PlanRequest, ReviewLine, ReviewRequest, VoidBlocker,
  BatchQuery,
} from '../generated/api';

import type { ApiError } from '../generated/api';
export type { ApiError } from '../generated/api';

export function isApiError(e: unknown): e is ApiError {
  return typeof e === 'object' && e !== null && 'code' in e && 'message' in e;
}

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    // Issue 20: the backend re-reads the user on every call; a disabled user or a reset
    // password ends the session (a wrong password at the login is only that).
    if (isApiError(e) && e.code === 'unauthenticated' && cmd !== 'login') session.end(e.message);
    if (isApiError(e)) throw { ...e, fields: e.fields ?? [] } as ApiError;
    throw { code: 'internal', message: String(e), fields: [] } as ApiError;
  }
}

export const STATUSES: Status[] = ['in_stock', 'in_use', 'on_loan', 'under_repair', 'scrapped', 'disposed', 'written_off', 'missing', 'voided'];

// The session as the shell keeps it (api::desk, issue 23).
import type { AppStatus, SetupRequest } from '../generated/api';
export type { AppStatus, SessionUser } from '../generated/api';







export const api = {
  status: () => call<AppStatus>('app_status'),
  setup: (input: SetupRequest) => call<AppStatus>('setup_ledger', { input }),
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

export const statusTotals = () => call<StatusTotal[]>('status_totals');







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
  audit: () => call<ExportResult>('export_audit', { limit: 0 }),
};

export type SourceColumn = ImportPlan['columns'][number];

export const imports = {
  upload: (name: string, bytes: number[]) => call<void>('upload_import_file', { name, bytes }),
  plan: (request: PlanRequest) => call<ImportPlan>('plan_import', { request }),
  apply: (request: PlanRequest, skipInvalid: boolean, confirmNewRegisters: boolean, dryRun = false) =>
    call<ImportResult>('apply_import', { request, skipInvalid, dryRun, confirmNewRegisters }),
  cancel: () => call<void>('cancel_import'),
  // Issue 20: earlier batches, voided whole.
  batches: (query: BatchQuery = {}) => call<ImportBatch[]>('import_batches', { query }),
  exportBatches: (query: BatchQuery) => call<ExportResult>('export_import_batches', { query }),
  voidBatch: (batch: string, reason: string) => call<string>('void_import', { batch, reason }),
};

// Putting mistakes right (issue 20).
export const corrections = {
  voidBlockers: (docNo: string) => call<VoidBlocker[]>('void_blockers', { docNo }),
  cardChanges: (docNo: string) => call<CardChange[]>('card_changes', { docNo }),
  extendLoan: (request: LoanExtension) => call<string>('extend_loan', { request }),
  review: (id: number) => call<ReviewLine[]>('stocktake_review', { id }),
  reviewLine: (id: number, request: ReviewRequest) => call<ReviewLine>('stocktake_review_line', { id, request }),
};

export const confirmTransfer = (docNo: string) => call<void>('confirm_transfer', { docNo });
export const rejectTransfer = (docNo: string, reason: string) => call<void>('reject_transfer', { docNo, reason });

export const dashboard = () => call<Dashboard>('dashboard');


// A damaged ledger at start: verified backups to restore from (no login possible).
export const recovery = {
  backups: (dir?: string) => call<BackupInfo[]>('recovery_backups', { dir: dir ?? null }),
  restore: (file: string) => call<string | null>('restore_damaged', { file }),
};

export const system = {
  backupStatus: () => call<BackupStatus>('backup_status'),
  createBackup: (dir?: string) => call<string>('create_backup', { dir: dir ?? null }),
  inspectBackup: (file: string) => call<BackupInfo>('inspect_backup', { file }),
  restoreBackup: (file: string) => call<string>('restore_backup', { file }),
  audit: (limit: number) => call<AuditLog>('audit_log', { limit }),
  rolePermissions: () => call<RolePermission[]>('role_permissions'),
  setRolePermission: (role: string, permission: string, allowed: boolean) => call<void>('set_role_permission', { role, permission, allowed }),
};


export const card = {
  extras: (code: string) => call<CardExtras>('card_extras', { code }),
  setCustom: (code: string, values: [string, string][]) => call<void>('set_custom_values', { code, values }),
  fields: () => call<CustomField[]>('list_custom_fields'),
  defineField: (field: CustomField) => call<void>('define_custom_field', { field }),
  attach: (code: string, name: string, mime: string, bytes: number[]) => call<number>('attach_file', { code, name, mime, bytes }),
  attachmentData: (id: number) => call<ArrayBuffer>('attachment_data', { id }),
  removeAttachment: (id: number) => call<void>('remove_attachment', { id }),
};

export const settings = {
  get: () => call<Parameters>('get_parameters'),
  update: (params: Parameters) => call<void>('update_parameters', { params }),
  changePassword: (old: string, newPassword: string) => call<void>('change_password', { old, new: newPassword }),
};

// ---- Stocktake (盘点) ----

export const stocktake = {
  list: () => call<Stocktake[]>('list_stocktakes'),
  create: (input: StocktakeInput, start: boolean) => call<Stocktake>('create_stocktake', { input, start }),
  start: (id: number) => call<Stocktake>('start_stocktake', { id }),
  get: (id: number) => call<Stocktake>('get_stocktake', { id }),
  beginSession: (id: number, source: ScanSource, device: string) => call<number>('begin_scan_session', { id, source, device }),
  scan: (id: number, code: string, source: ScanSource, location: string, session: number | null) =>
    call<ScanOutcome>('stocktake_scan', { id, code, source, location, session }),
  recent: (id: number, limit: number) => call<ScanRow[]>('recent_scans', { id, limit }),
  report: (id: number) => call<StocktakeReport>('stocktake_report', { id }),
  // The PDA round trip (issue 19): a results file chosen in the file chooser, and the expected list.
  importFile: (id: number, name: string, bytes: number[], location: string) =>
    call<ScanImportResult>('stocktake_import_file', { id, name, bytes, location }),
  exportExpected: (id: number, location: string, dept: string, format: 'csv' | 'xlsx') =>
    call<ExportResult>('export_stocktake_expected', { id, location, dept, format }),
  // HID-POS scanners (usage page 0x8C), read by the backend like a serial one.
  hidList: () => call<HidDevice[]>('list_hid_scanners'),
  hidConnect: (id: number, device: string) => call<ScannerStatus>('hid_connect', { id, device }),
  hidDisconnect: () => call<ScannerStatus>('hid_disconnect'),
  close: (id: number, unreviewed: 'refuse' | 'accept' | 'leave' = 'refuse') => call<CloseResult>('close_stocktake', { id, unreviewed }),
  export: (id: number) => call<ExportResult>('export_stocktake', { id }),
  ports: () => call<SerialPort[]>('list_serial_ports'),
  connect: (id: number, config: SerialConfig) => call<ScannerStatus>('serial_connect', { id, config }),
  disconnect: () => call<ScannerStatus>('serial_disconnect'),
  setLocation: (location: string) => call<void>('set_scan_location', { location }),
};
// Depreciation (issue 6); value and the accounting regime (issue 21). Types: crates/api/src/valuation.rs.
import type {
  AccountingRegime, AssetSchedule, CategoryDefaults, DepLine, DepPeriod, DepRevision, DepRun, DepStatus, DepSummary, Disposal,
  NewAssetDefaults, RevisionInput, ScheduleRow,
} from '../generated/api';
export type {
  AccountingRegime, AssetSchedule, CategoryDefaults, DepLine, DepPeriod, DepRevision, DepRun, DepStatus, DepSummary, Disposal,
  NewAssetDefaults, RevisionInput, ScheduleRow,
};

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
  // Issue 21: the ledger's accounting regime and categories' minimum lives.
  regime: () => call<AccountingRegime>('accounting_regime'),
  setRegime: (regime: string) => call<AccountingRegime>('set_accounting_regime', { regime }),
  setCategoryMinLife: (category: string, years: string) => call<void>('set_category_min_life', { category, years }),
};
// ---- Labels (templates, printers, previews, print jobs) ----
// The template file format and the label settings file, as the labels crates save them
// (generated, issue 23).
import type { LabelSettings, LabelSize, LabelTemplate } from '../generated/api';
export type {
  BarcodeElement, LabelContent, LabelElement, LabelField, LabelSettings, LabelSize, LabelTemplate, PrinterEntry, SheetLayout, Symbology, TextElement,
} from '../generated/api';
export type LabelSizePreset = Exclude<LabelSize, { custom: unknown }>;
// The template list and the label as it will print (issue 27: a PNG drawn by the backend
// from the output's layout): generated from crates/api (api::labels).
import type { LabelPreviewData, TemplateInfo } from '../generated/api';
export type { LabelPreviewData, PreviewItem, TemplateInfo } from '../generated/api';
// Print jobs, their progress and history, and the printer picker (issue 18): generated from crates/api (api::labels).
import type { LabelJob, LabelPrintProgress, PrintRequest, PrintResult, PrinterChoice, PrinterChoices } from '../generated/api';
export type { LabelJob, LabelPrintProgress, PrintRequest, PrintResult, PrinterChoice, PrinterChoices } from '../generated/api';

export const labelsApi = {
  templates: () => call<TemplateInfo[]>('label_templates'),
  template: (name: string) => call<LabelTemplate>('label_template', { name }),
  save: (template: LabelTemplate, replacing: string | null) => call<void>('save_label_template', { template, replacing }),
  remove: (name: string) => call<void>('delete_label_template', { name }),
  setDefault: (name: string) => call<void>('set_default_label_template', { name }),
  exportTemplate: (name: string, path: string | null) => call<string>('export_label_template', { name, path }),
  importTemplate: (path: string) => call<string>('import_label_template', { path }),
  importTemplateFile: (name: string, bytes: number[]) => call<string>('import_label_template_file', { name, bytes }),
  preview: (template: LabelTemplate, code: string | null, dpi: number | null, printer: string | null = null) =>
    call<LabelPreviewData>('preview_label', { template, code, dpi, printer }),
  settings: () => call<LabelSettings>('label_settings'),
  saveSettings: (settings: LabelSettings) => call<void>('save_label_settings', { settings }),
  reprints: (codes: string[]) => call<string[]>('label_reprints', { codes }),
  print: (request: PrintRequest) => call<PrintResult>('print_labels', { request }),
  // Label printers (issue 18).
  testPrinter: (name: string) => call<number>('label_printer_test', { name }),
  jobs: (limit?: number) => call<LabelJob[]>('label_jobs', { limit: limit ?? null }),
  retryJob: (id: number) => call<PrintResult>('retry_label_job', { id }),
  // The installed printers and serial / USB ports to pick from; stopping a job being sent.
  choices: () => call<PrinterChoices>('label_printer_choices'),
  cancelPrint: (run: number) => call<void>('cancel_label_print', { run }),
};


// Standard reports (issue 9): the register with values and the changes in a period (types generated).
export const standardReports = {
  columns: () => call<ReportColumnInfo[]>('report_columns'),
  preview: (request: ReportRequest) => call<ReportTable>('preview_report', { request }),
  export: (request: ReportRequest) => call<ExportResult>('export_report', { request }),
};

// Low-value consumables (issue 7): the types are generated (crates/api/src/consumables.rs).
export const consumables = {
  stock: (text: string) => call<ConsumableItem[]>('consumable_stock', { text }),
  addItem: (input: ConsumableItemInput) => call<string>('add_consumable_item', { input }),
  editItem: (item: string, input: ConsumableItemInput) => call<void>('edit_consumable_item', { item, input }),
  setActive: (item: string, active: boolean) => call<void>('set_consumable_item_active', { item, active }),
  post: (request: MoveRequest) => call<string>('post_consumable', { request }),
  void: (docNo: string, reason: string) => call<string>('void_consumable', { docNo, reason }),
  moves: (query: MoveQuery) => call<ConsumableMove[]>('consumable_moves', { query }),
  move: (docNo: string) => call<ConsumableMove>('consumable_move', { docNo }),
  stats: (query: StatsQuery) => call<ConsumableStats>('consumable_stats', { query }),
  budget: (year: number | null) => call<Budget>('consumable_budget', { year }),
  setBudget: (year: number, item: string, qty: string, price: string, note: string) =>
    call<Budget>('set_consumable_budget', { year, item, qty, price, note }),
  exportStock: (text: string) => call<ExportResult>('export_consumables', { what: 'stock', text }),
  exportMoves: (moves: MoveQuery) => call<ExportResult>('export_consumables', { what: 'moves', moves }),
  exportStats: (stats: StatsQuery) => call<ExportResult>('export_consumables', { what: 'stats', stats }),
  exportBudget: (year: number | null) => call<ExportResult>('export_consumables', { what: 'budget', year }),
  printStats: (query: StatsQuery) => call<string>('print_consumable_stats', { query }),
};

// ---- The clerk's first hour (issue 27) ----
export const newAssetDefaults = (category: string) => call<NewAssetDefaults>('new_asset_defaults', { category });
export const selectionActions = (codes: string[], kinds: DocKind[]) => call<SelectionAction[]>('selection_actions', { codes, kinds });

// Paper printing (issue 18): the print preview of one rendered PDF (a slip, a report,
// an asset card), its pages as PNG one at a time, the installed printers with their
// state, and the job (`paper-print-progress` events; cancel between pages).
import type { Printable } from '../generated/api';
export type { Printable } from '../generated/api';
import type { PaperPreview, PaperPrinters, Printed } from '../generated/api';
export type { PaperPreview, PaperPrinter, PaperPrinters, Printed, PaperProgress } from '../generated/api';
export const paper = {
  preview: (source: Printable, paperChoice: string | null = null) => call<PaperPreview>('paper_preview', { source, paper: paperChoice }),
  page: (id: number, index: number, widthPx: number) => call<ArrayBuffer>('paper_page', { id, index, widthPx }),
  printers: () => call<PaperPrinters>('paper_printers'),
  print: (id: number, printer: string, copies: number) => call<Printed>('paper_print', { id, printer, copies }),
  systemDialog: (id: number, copies: number) => call<Printed | null>('paper_system_dialog', { id, copies }),
  cancel: (id: number) => call<void>('paper_cancel', { id }),
  save: (id: number) => call<string>('paper_save', { id }),
  close: (id: number) => call<void>('paper_close', { id }),
};

// ---- Native choosers instead of typed paths (issue 27, item 7): the backend opens the
// dialog; the window only learns the chosen path (null: cancelled).
export const choose = {
  backupFile: (title: string, start: string | null) => call<string | null>('choose_backup_file', { title, start }),
  folder: (title: string, start: string | null) => call<string | null>('choose_folder', { title, start }),
  saveFile: (title: string, fileName: string) => call<string | null>('choose_save_file', { title, fileName }),
};

// ---- Users and approvals (issue 20): through crates/api (users.rs, approvals.rs).
import type { User, NewUser, UserChange, ApprovalSetting, ApprovalSettingRequest, PendingApproval, ApprovalResult, RolePermission } from '../generated/api';
export type { User, NewUser, UserChange, Approval, ApprovalSetting, PendingApproval, ApprovalResult } from '../generated/api';
export const users = {
  list: () => call<User[]>('users_list'),
  add: (user: NewUser) => call<User>('users_add', { user }),
  change: (change: UserChange) => call<User>('users_change', { change }),
  resetPassword: (user: string, password: string) => call<void>('users_reset_password', { user, password }),
};
export const approvals = {
  settings: () => call<ApprovalSetting[]>('approval_settings'),
  set: (request: ApprovalSettingRequest) => call<ApprovalSetting>('set_approval_setting', { request }),
  pending: () => call<PendingApproval[]>('pending_approvals'),
  approve: (docNo: string) => call<ApprovalResult>('approve_document', { docNo }),
  reject: (docNo: string, reason: string) => call<void>('reject_document', { docNo, reason }),
};

// ---- Repairs, suppliers, maintenance and warranties (issue 22) ----
import type {
  MaintenanceDoneRequest, MaintenanceDoneResult, MaintenanceDue, MaintenancePlan, MaintenancePlanActiveRequest, MaintenancePlanEdit, MaintenancePlanInput, RepairCostRequest, RepairDetail,
  RepairOpenRequest, RepairQuery, RepairReport, RepairReportRequest, RepairRow, RepairStepRequest, RepairStepResult, ScrapOffer, Supplier,
  SupplierInput, SupplierPatch, WarrantyRow,
} from '../generated/api';
export type {
  MaintenanceDue, MaintenancePlan, MaintenancePlanInput, RepairDetail, RepairReport, RepairReportRow, RepairRow, RepairState, ScrapOffer, Supplier,
  WarrantyRow,
} from '../generated/api';
export const repairs = {
  list: (query: RepairQuery) => call<RepairRow[]>('repair_list', { query }),
  detail: (order: string) => call<RepairDetail>('repair_detail', { order }),
  open: (request: RepairOpenRequest) => call<RepairStepResult>('repair_open', { request }),
  accept: (step: RepairStepRequest) => call<RepairStepResult>('repair_accept', { step }),
  send: (step: RepairStepRequest) => call<RepairStepResult>('repair_send', { step }),
  complete: (step: RepairStepRequest) => call<RepairStepResult>('repair_complete', { step }),
  verify: (step: RepairStepRequest) => call<RepairStepResult>('repair_verify', { step }),
  cost: (cost: RepairCostRequest) => call<RepairStepResult>('repair_cost', { cost }),
  cannotFix: (step: RepairStepRequest) => call<ScrapOffer>('repair_cannot_fix', { step }),
  export: (query: RepairQuery) => call<ExportResult>('repair_export', { query }),
  report: (query: RepairReportRequest) => call<RepairReport>('repair_report', { query }),
  exportReport: (query: RepairReportRequest, format: 'xlsx' | 'pdf') => call<ExportResult>('repair_report_export', { query, format }),
};
export const suppliers = {
  list: () => call<Supplier[]>('supplier_list'),
  add: (input: SupplierInput) => call<void>('supplier_add', { input }),
  edit: (name: string, patch: SupplierPatch) => call<void>('supplier_edit', { name, patch }),
  setActive: (name: string, active: boolean) => call<void>('supplier_set_active', { name, active }),
};
export const maintenance = {
  plans: () => call<MaintenancePlan[]>('maintenance_plans'),
  due: (within: number) => call<MaintenanceDue[]>('maintenance_due', { within }),
  add: (plan: MaintenancePlanInput) => call<number>('maintenance_add', { plan }),
  done: (done: MaintenanceDoneRequest) => call<MaintenanceDoneResult>('maintenance_done', { done }),
  setActive: (request: MaintenancePlanActiveRequest) => call<null>('maintenance_set_active', { request }),
  edit: (request: MaintenancePlanEdit) => call<MaintenancePlan>('maintenance_edit', { request }),
};
export const warranty = {
  ending: (within: number) => call<WarrantyRow[]>('warranty_ending', { within }),
};

// Value-change documents (issue 21). Types: crates/api/src/value_changes.rs.
import type { ValueChangeEntry, ValueChangeKind, ValueChangeRequest, ValueChangeResult } from '../generated/api';
export type { ValueChangeEntry, ValueChangeKind, ValueChangeRequest, ValueChangeResult };
export const valueChanges = {
  record: (request: ValueChangeRequest) => call<ValueChangeResult>('record_value_change', { request }),
  list: (code: string) => call<ValueChangeEntry[]>('asset_value_changes', { code }),
};

// ---- Category tree and the depreciation voucher (issue 21). Types: crates/api/src/registers.rs, allocation.rs ----
import type { AccountChoice, AccountDefaults, Accounts, CategoryAccounts, CategoryNode, DeptAccounts, SeedOutcome, Voucher, VoucherLine } from '../generated/api';
export type { AccountChoice, AccountDefaults, Accounts, CategoryAccounts, CategoryNode, DeptAccounts, SeedOutcome, Voucher, VoucherLine };
export const categories = {
  tree: () => call<CategoryNode[]>('category_tree'),
  add: (name: string, parent?: string) => call<void>('add_category', { name, parent: parent || null }),
  move: (name: string, parent?: string) => call<void>('move_category', { name, parent: parent || null }),
  seed: (seed: 'gbt14885') => call<SeedOutcome>('seed_categories', { seed }),
};
export const allocation = {
  accounts: () => call<Accounts>('voucher_accounts'),
  setDefaults: (defaults: AccountDefaults) => call<AccountDefaults>('set_account_defaults', { defaults }),
  setCategoryAccounts: (category: string, assetAccount: string, depreciationAccount: string) =>
    call<void>('set_category_accounts', { category, assetAccount, depreciationAccount }),
  setDeptAccounts: (dept: string, expenseAccount: string, costCentre: string) => call<void>('set_dept_accounts', { dept, expenseAccount, costCentre }),
  voucher: (period: string) => call<Voucher>('depreciation_voucher', { period }),
  export: (period: string, format: 'xlsx' | 'csv') => call<ExportResult>('export_voucher', { period, format }),
  // The import wizard's category map file (old name → the ledger's).
  readCategoryMap: (bytes: number[]) => call<Record<string, string>>('read_category_map', { bytes }),
};

// ---- The tax schedule beside the book one (issue 21) ----
import type { TaxReport, TaxReportRequest, TaxSetting, TaxSettingRequest } from '../generated/api';
export type { TaxLine, TaxReport, TaxSetting } from '../generated/api';
export const taxDepreciation = {
  settings: () => call<TaxSetting[]>('tax_settings'),
  set: (request: TaxSettingRequest) => call<void>('set_tax_setting', { request }),
  report: (request: TaxReportRequest) => call<TaxReport>('tax_report', { request }),
  export: (request: TaxReportRequest) => call<ExportResult>('export_tax_report', { request }),
};
// ---- Custom fields on the list, exports, imports and reports (issue 21) ----
export type { FieldFilter } from '../generated/api';

// The PostgreSQL hub (issue 24): the sync indicator and the 数据中心 page.
import type { HubConflict, HubConflictQuery, HubJoinRequest, HubMembership, HubOverview, HubSyncResult, HubSyncState, HubVerifyResult } from '../generated/api';
export type { HubConflict, HubConflictQuery, HubJoinRequest, HubMembership, HubOverview, HubSite, HubSyncResult, HubSyncState, HubVerifyResult } from '../generated/api';
export const hubApi = {
  syncState: () => call<HubSyncState>('hub_sync_state'),
  syncNow: () => call<HubSyncState>('hub_sync_now'),
  join: (request: HubJoinRequest) => call<HubMembership>('hub_join', { request }),
  overview: () => call<HubOverview>('hub_overview'),
  conflicts: (query: HubConflictQuery) => call<HubConflict[]>('hub_conflicts', { query }),
  exportConflicts: (query: HubConflictQuery) => call<ExportResult>('export_hub_conflicts', { query }),
  retry: () => call<HubSyncResult>('hub_retry'),
  verify: () => call<HubVerifyResult>('hub_verify'),
  setInterval: (seconds: number) => call<number>('hub_set_interval', { seconds }),
};
