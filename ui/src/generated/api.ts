// Generated from the Rust types in crates/api by `cargo run -p assetdesk-api --bin assetdesk-gen-ts`.
// Do not edit: change the Rust type and regenerate (crates/api/tests/generated_types.rs checks it).

export type Status = 'in_stock' | 'in_use' | 'on_loan' | 'under_repair' | 'scrapped' | 'disposed' | 'written_off' | 'missing' | 'voided';
export type DocKind = 'register' | 'edit' | 'issue' | 'return' | 'transfer' | 'loan' | 'loan-return' | 'defect' | 'defect-clear' | 'fault' | 'repair' | 'scrap' | 'dispose' | 'write-off' | 'void' | 'loan-extend' | 'stocktake-adjust';
export type RegisterKind = 'category' | 'dept' | 'location' | 'person';
export type DocField = 'person' | 'dept' | 'location' | 'due' | 'amount' | 'method' | 'reason' | 'vendor' | 'cause' | 'cause_category' | 'handling' | 'warranty' | 'recheck' | 'date' | 'notes';
export type Verdict = 'found' | 'misplaced' | 'surplus' | 'duplicate' | 'out_of_scope' | 'missing';
export type ScanSource = 'serial' | 'keyboard' | 'manual' | 'batch';

export type Page<T> = { total: number, rows: Array<T>, };
export type AssetRow = { code: string, name: string, category: string, model: string, status: Status, dept: string | null, location: string | null, custodian: string | null, acquired: string | null, 
/**
 * Original value, "1600.00".
 */
value: string, };
export type AssetQuery = { text?: string, status?: string, category?: string, dept?: string, location?: string, custodian?: string, acquired_from?: string, acquired_to?: string, value_min?: string, value_max?: string, sort?: string, desc?: boolean, offset?: number, limit?: number, };
export type AssetInput = { code: string, name: string, category: string, model: string, serial: string, dept: string, location: string, custodian: string, acquired: string, value: string, life_years: string, salvage_rate: string, salvage: string, method: string, notes: string, supplier: string, warranty_until: string, };
export type HistoryEntry = { date: string, doc_no: string, kind: string, kind_label: string, operator: string, counterparty: string, status: Status, detail: string, };
export type AssetDetail = { serial: string, life_years: number | null, salvage_rate: string, salvage: string | null, method: string, notes: string, supplier: string, warranty_until: string | null, created_at: string, history: Array<HistoryEntry>, open_defect: string | null, open_fault: string | null, allowed: DocKind[], code: string, name: string, category: string, model: string, status: Status, dept: string | null, location: string | null, custodian: string | null, acquired: string | null, 
/**
 * Original value, "1600.00".
 */
value: string, };
export type StatusTotal = { status: Status, count: number, value: string, };
export type RegisterItem = { name: string, active: boolean, 
/**
 * People: their department.
 */
dept: string | null, asset_count: number, };
export type CustomField = { name: string, 
/**
 * "text", "number" or "date".
 */
kind: string, required: boolean, active: boolean, };
export type CustomValue = { name: string, kind: 'text' | 'number' | 'date', required: boolean, value: string, };
export type Attachment = { id: number, name: string, mime: string, size: number, added_at: string, added_by: string, };
export type CardExtras = { custom: Array<CustomValue>, attachments: Array<Attachment>, };
export type DocRequest = { kind: DocKind, codes: Array<string>, date?: string, person?: string, dept?: string, location?: string, due?: string, amount?: string, method?: string, reason?: string, cause?: string, cause_category?: string, handling?: string, vendor?: string, notes?: string, source?: string, warranty?: string, recheck?: string, };
export type DocQuery = { kind?: string, text?: string, from?: string, to?: string, 
/**
 * Issue 20: a department, a person, a state (posted, pending, voided, rejected).
 */
dept?: string, person?: string, state?: string, offset?: number, limit?: number, };
export type DocumentRow = { doc_no: string, kind: DocKind, kind_label: string, date: string, operator: string, counterparty: string, asset_count: number, state: 'posted' | 'voided' | 'pending' | 'rejected', notes: string, };
export type DocumentLine = { code: string, name: string, prev_status: Status | null, status: Status, dept: string | null, location: string | null, custodian: string | null, detail: string, value: string, };
export type RepairRecord = { symptom: string, cause: string, cause_category: string, handling: string, vendor: string, under_warranty: boolean | null, recheck: string, };
export type DocumentDetail = { person: string | null, to_dept: string | null, to_location: string | null, due: string | null, amount: string | null, method: string, reason: string, source: string | null, voided_by: string | null, repair: RepairRecord | null, lines: Array<DocumentLine>, 
/**
 * The lines' original values added up.
 */
total_value: string, doc_no: string, kind: DocKind, kind_label: string, date: string, operator: string, counterparty: string, asset_count: number, state: 'posted' | 'voided' | 'pending' | 'rejected', notes: string, };
export type Loan = { code: string, name: string, borrower: string, due: string, doc_no: string, overdue_days: number, };
export type SelectionAction = { kind: DocKind, allowed: boolean, 
/**
 * The first refusals, as the post would word them.
 */
reasons: Array<string>, 
/**
 * How many selected assets cannot take it.
 */
refused: number, };
export type LowStock = { code: string, name: string, unit: string, qty: string, threshold: string, };
export type Group = { name: string, count: number, value: string, };
export type WarrantyEnding = { code: string, name: string, warranty_until: string, };
export type OpenStocktake = { id: number, name: string, expected: number, found: number, };
export type Dashboard = { by_status: Array<StatusTotal>, 
/**
 * Issue 20: Home's totals (on the books), and what left the books, shown apart.
 */
on_books: Group, off_books: Group, by_category: Array<Group>, by_dept: Array<Group>, additions: Array<Group>, registrations: Array<Group>, disposals: Array<Group>, lead_days: number, warranties_ending: Array<WarrantyEnding>, stocktakes_open: Array<OpenStocktake>, backup_overdue: boolean, backup_age_days: number | null, overdue_loans: number, loans_due_soon: number, open_faults: number, open_defects: number, 
/**
 * Consumables at or below their threshold (issue 7).
 */
low_stock: Array<LowStock>, };
export type FieldSpec = { field: DocField, required?: boolean, 
/**
 * The UI's i18n key for the label when the field's own label does not fit the kind.
 */
label?: string, 
/**
 * The values a choice field offers ("" = not given).
 */
options?: Array<string>, };
export type ExportResult = { file: string, rows: number, };
export type StocktakeInput = { name: string, plan_start: string, plan_end: string, dept: string, location: string, category: string, responsible: string, notes: string, };
export type Counters = { expected: number, found: number, remaining: number, scans: number, };
export type Stocktake = { id: number, name: string, plan_start: string | null, plan_end: string | null, dept: string | null, location: string | null, category: string | null, responsible: string, notes: string, state: 'draft' | 'counting' | 'closed', state_label: string, created_by: string, created_at: string, started_at: string | null, closed_at: string | null, close_doc: string | null, counters: Counters, };
export type ScanOutcome = { stocktake: number, scan_id: number, code: string, verdict: Verdict, verdict_label: string, name: string | null, recorded_dept: string | null, recorded_location: string | null, scanned_location: string | null, source: ScanSource, counters: Counters, };
export type ScanRow = { id: number, code: string, verdict: Verdict, verdict_label: string, name: string | null, at: string, source: ScanSource, location: string | null, };
export type DiffLine = { code: string, verdict: Verdict, verdict_label: string, name: string | null, category: string | null, dept: string | null, location: string | null, value: string | null, scanned_location: string | null, scanned_at: string | null, };
export type DiffStat = { dept: string | null, expected: number, found: number, missing: number, missing_value: string, };
export type StocktakeReport = { task: Stocktake, expected: number, found: number, duplicates: number, out_of_scope: number, missing: Array<DiffLine>, missing_value: string, surplus: Array<DiffLine>, misplaced: Array<DiffLine>, by_dept: Array<DiffStat>, };
export type CloseResult = { doc_no: string | null, registered: Array<string>, marked_missing: Array<string>, corrected: Array<string>, recovered: Array<string>, 
/**
 * Issue 20: the difference lines the review kept out of the close.
 */
not_applied: Array<ReviewLine>, };
export type ScanImportResult = { imported: number, 
/**
 * Lines a 实盘 column marks as not found.
 */
not_counted: number, outcomes: Array<ScanOutcome>, 
/**
 * "第 3 行：..." / "line 3: ...", in the UI language.
 */
errors: Array<string>, };
export type SerialPort = { path: string, label: string, };
export type SerialConfig = { path: string, baud: number, cr: boolean, lf: boolean, tab: boolean, prefix: string, suffix: string, strip_aim_id: boolean, location: string, };
export type ScannerStatus = { connected: boolean, port: string | null, message: string | null, };
export type ScannerReject = { raw: string, reason: string, message: string, };
export type HidDevice = { 
/**
 * "0c2e:0b61"
 */
id: string, label: string, };
export type VoidBlocker = { 
/**
 * The spreadsheet row, for an imported asset.
 */
row: number | null, code: string, 
/**
 * The later document (or depreciation period, stocktake) that holds it.
 */
blocked_by: string, message: string, };
export type CardChange = { field: string, before: string, after: string, };
export type LoanExtension = { code: string, 
/**
 * YYYY-MM-DD, later than the current due date.
 */
due: string, notes?: string, };
export type ReviewLine = { code: string, verdict: Verdict, verdict_label: string, 
/**
 * 非本系统编码: a scanned code that does not look like one of ours.
 */
foreign: boolean, decision: 'accepted' | 'rejected' | 'noted' | null, decision_label: string | null, note: string, decided_by: string | null, 
/**
 * Whether closing now applies this line.
 */
applies: boolean, };
export type ReviewRequest = { 
/**
 * The line's asset code.
 */
line: string, decision: 'accepted' | 'rejected' | 'noted', note?: string, };
export type PlanRequest = { sheet?: string, mapping?: { columns: Record<string, string> }, };
export type ImportFieldOption = { key: string, label: string, };
export type ImportPlan = { file: string, sheets: Array<string>, sheet: string, header_row: number, columns: { column: number; letter: string; header: string; field: string | null }[], fields: Array<ImportFieldOption>, mapping: { columns: Record<string, string> }, rows_read: number, valid_rows: number, skipped: number, errors: { row: number; column: string; message: string }[], 
/**
 * The first rows as they will be stored, for a preview.
 */
sample: Record<string, unknown>[], 
/**
 * Registers the import would create; the clerk confirms them.
 */
new_registers: { category: string[]; dept: string[]; location: string[]; person: string[] }, };
export type ImportResult = { rows_read: number, imported: number, skipped: number, errors: { row: number; column: string; message: string }[], would_import: number, already_present: number, dry_run: boolean, };
export type ImportBatch = { 
/**
 * The batch's 资产新增 document number: what `import void` takes.
 */
batch: string, date: string, operator: string, assets: number, state: 'posted' | 'voided', voided_by: string | null, };

// Which fields each document kind asks for, in the order a clerk fills them (crates/api/src/forms.rs).
export const DOC_FORMS: Partial<Record<DocKind, FieldSpec[]>> = {
  'issue': [{"field":"person","required":true,"label":"doc.f.issue_person"},{"field":"dept","label":"doc.f.issue_dept"},{"field":"location"}],
  'return': [{"field":"location"}],
  'transfer': [{"field":"dept","required":true,"label":"doc.f.to_dept"},{"field":"location","label":"doc.f.to_location"}],
  'loan': [{"field":"person","required":true,"label":"doc.f.borrower"},{"field":"due","required":true}],
  'loan-return': [],
  'defect': [{"field":"reason","required":true,"label":"doc.f.defect"}],
  'defect-clear': [{"field":"handling"}],
  'fault': [{"field":"reason","required":true,"label":"doc.f.symptom"}],
  'repair': [{"field":"method","label":"doc.f.repair_by","options":["in-house","vendor"]},{"field":"vendor"},{"field":"amount","label":"doc.f.cost"},{"field":"cause"},{"field":"cause_category","options":["","quality","human","other"]},{"field":"handling"},{"field":"warranty","options":["","yes","no"]},{"field":"recheck"}],
  'scrap': [{"field":"reason","required":true,"label":"doc.f.scrap_reason"}],
  'dispose': [{"field":"method","required":true,"label":"doc.f.dispose_method","options":["sale","destroy"]},{"field":"amount","label":"doc.f.proceeds"}],
  'write-off': [{"field":"method","required":true,"label":"doc.f.writeoff_reason","options":["sold","destroyed","lost","stolen"]}],
};
