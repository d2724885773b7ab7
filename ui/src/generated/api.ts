// Generated from the Rust types in crates/api by `cargo run -p assetdesk-api --bin assetdesk-gen-ts`.
// Do not edit: change the Rust type and regenerate (crates/api/tests/generated_types.rs checks it).

export type Status = 'in_stock' | 'in_use' | 'on_loan' | 'under_repair' | 'scrapped' | 'disposed' | 'written_off' | 'missing';
export type DocKind = 'register' | 'edit' | 'issue' | 'return' | 'transfer' | 'loan' | 'loan-return' | 'defect' | 'defect-clear' | 'fault' | 'repair' | 'scrap' | 'dispose' | 'write-off' | 'void' | 'stocktake-adjust';
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
export type DocQuery = { kind?: string, text?: string, from?: string, to?: string, offset?: number, limit?: number, };
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
export type Dashboard = { by_status: Array<StatusTotal>, by_category: Array<Group>, by_dept: Array<Group>, additions: Array<Group>, registrations: Array<Group>, disposals: Array<Group>, lead_days: number, warranties_ending: Array<WarrantyEnding>, stocktakes_open: Array<OpenStocktake>, backup_overdue: boolean, backup_age_days: number | null, overdue_loans: number, loans_due_soon: number, open_faults: number, open_defects: number, 
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
export type CloseResult = { doc_no: string | null, registered: Array<string>, marked_missing: Array<string>, corrected: Array<string>, recovered: Array<string>, };
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
export type PrinterChoice = { 
/**
 * The address saved for it: `cups:QUEUE` / `winspool:NAME`, `serial:PORT@9600`,
 * `file:/dev/usb/lp0`.
 */
uri: string, 
/**
 * What the clerk sees: the installed printer's or the port's name.
 */
name: string, 
/**
 * `system` (CUPS / the Windows spooler), `serial`, `usb_serial`, `usb_printer`.
 */
kind: string, 
/**
 * An installed printer's state (`idle`, `stopped`, `offline` …); empty for a port.
 */
state: string, 
/**
 * The system's words on the state, or the USB device.
 */
detail: string, is_default: boolean, };
export type PrinterChoices = { installed: Array<PrinterChoice>, ports: Array<PrinterChoice>, 
/**
 * Why the installed list could not be read (CUPS not running …), in the caller's language.
 */
installed_error: string | null, };
export type PrintRequest = { codes: Array<string>, 
/**
 * Empty: the default template.
 */
template?: string, 
/**
 * A printer's name from the label settings; empty: a PDF in the export folder.
 */
printer?: string, 
/**
 * Sheet templates: first free position, 1-based.
 */
start?: number, reason?: string, copies?: number, };
export type PrintResult = { 
/**
 * The job's number in the print history.
 */
job: number, labels: number, bytes: number, 
/**
 * The PDF written, when not sent to a printer.
 */
out: string | null, 
/**
 * The printer address, when sent to one.
 */
printer: string | null, reprints: number, 
/**
 * The printer's status query: `ready`, `unknown` (no answer; sent anyway), `not_asked`.
 */
status: string, };
export type LabelPrintProgress = { job: number, 
/**
 * `rendering` or `sending`.
 */
stage: string, done: number, total: number, };
export type LabelJob = { id: number, created_at: string, updated_at: string, user: string, printer: string, destination: string, template: string, language: string, codes: Array<string>, labels: number, bytes: number, reason: string, 
/**
 * `sending`, `sent`, `failed`, `cancelled` or `retried`.
 */
status: 'sending' | 'sent' | 'failed' | 'cancelled' | 'retried', 
/**
 * Why it failed (or what a sent job should still say): the zh-CN line, then English.
 */
error: string, retry_of: number | null, };

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
