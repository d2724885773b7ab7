// Generated from the Rust types in crates/api by `cargo run -p assetdesk-api --bin assetdesk-gen-ts`.
// Do not edit: change the Rust type and regenerate (crates/api/tests/generated_types.rs checks it).

export type Status = 'in_stock' | 'in_use' | 'on_loan' | 'under_repair' | 'scrapped' | 'disposed' | 'written_off' | 'missing' | 'voided';
export type DocKind = 'register' | 'edit' | 'issue' | 'return' | 'transfer' | 'loan' | 'loan-return' | 'defect' | 'defect-clear' | 'fault' | 'repair' | 'scrap' | 'dispose' | 'write-off' | 'void' | 'loan-extend' | 'stocktake-adjust' | 'value-change';
export type ValueChangeKind = 'add' | 'impair' | 'revalue';
export type RegisterKind = 'category' | 'dept' | 'location' | 'person';
export type DocField = 'person' | 'dept' | 'location' | 'due' | 'amount' | 'method' | 'reason' | 'vendor' | 'cause' | 'cause_category' | 'handling' | 'warranty' | 'recheck' | 'date' | 'notes';
export type Verdict = 'found' | 'misplaced' | 'surplus' | 'duplicate' | 'out_of_scope' | 'missing';
export type ScanSource = 'serial' | 'keyboard' | 'manual' | 'batch';
export type RepairState = 'reported' | 'accepted' | 'sent' | 'completed' | 'verified' | 'cannot_fix';
export type MoveKind = 'receive' | 'issue' | 'return' | 'adjust' | 'void';
export type ImportMapping = { columns: Record<string, string>; custom?: Record<string, string> };

export type Page<T> = { total: number, rows: Array<T>, };
export type AssetRow = { code: string, name: string, category: string, model: string, status: Status, dept: string | null, location: string | null, custodian: string | null, acquired: string | null, 
/**
 * Original value, "1600.00".
 */
value: string, 
/**
 * The custom fields' values (those set), by field name.
 */
fields: Record<string, string>, };
export type AssetQuery = { text?: string, status?: string, category?: string, dept?: string, location?: string, custodian?: string, acquired_from?: string, acquired_to?: string, value_min?: string, value_max?: string, 
/**
 * Filters on custom fields, all of which must hold.
 */
fields?: Array<FieldFilter>, sort?: string, desc?: boolean, offset?: number, limit?: number, };
export type FieldFilter = { name: string, op: 'contains' | 'equals', value: string, };
export type AssetInput = { code: string, name: string, category: string, model: string, serial: string, dept: string, location: string, custodian: string, acquired: string, value: string, life_years: string, salvage_rate: string, salvage: string, method: string, notes: string, supplier: string, warranty_until: string, };
export type HistoryEntry = { date: string, doc_no: string, kind: string, kind_label: string, operator: string, counterparty: string, status: Status, detail: string, };
export type AssetDetail = { serial: string, life_years: number | null, salvage_rate: string, salvage: string | null, method: string, notes: string, supplier: string, warranty_until: string | null, created_at: string, history: Array<HistoryEntry>, open_defect: string | null, open_fault: string | null, allowed: DocKind[], code: string, name: string, category: string, model: string, status: Status, dept: string | null, location: string | null, custodian: string | null, acquired: string | null, 
/**
 * Original value, "1600.00".
 */
value: string, 
/**
 * The custom fields' values (those set), by field name.
 */
fields: Record<string, string>, };
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
export type DocumentRow = { doc_no: string, kind: DocKind, kind_label: string, date: string, operator: string, counterparty: string, asset_count: number, state: 'posted' | 'voided' | 'pending' | 'awaiting_approval' | 'rejected', notes: string, };
export type DocumentLine = { code: string, name: string, prev_status: Status | null, status: Status, dept: string | null, location: string | null, custodian: string | null, detail: string, value: string, };
export type RepairRecord = { symptom: string, cause: string, cause_category: string, handling: string, vendor: string, under_warranty: boolean | null, recheck: string, };
export type DocumentDetail = { person: string | null, to_dept: string | null, to_location: string | null, due: string | null, amount: string | null, method: string, reason: string, source: string | null, voided_by: string | null, repair: RepairRecord | null, 
/**
 * Applicant and approver, if it was held for approval (issue 20).
 */
approval: Approval | null, lines: Array<DocumentLine>, 
/**
 * The lines' original values added up.
 */
total_value: string, doc_no: string, kind: DocKind, kind_label: string, date: string, operator: string, counterparty: string, asset_count: number, state: 'posted' | 'voided' | 'pending' | 'awaiting_approval' | 'rejected', notes: string, };
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
export type ConsumableItem = { code: string, name: string, kind: string, spec: string, unit: string, 
/**
 * Empty when the item has no low-stock alert.
 */
threshold: string, qty: string, value: string, 
/**
 * Weighted average cost per unit.
 */
unit_cost: string, low: boolean, active: boolean, };
export type ConsumableItemInput = { name: string, 
/**
 * 类别, e.g. 办公用纸, 文具, 打印耗材.
 */
kind: string, spec: string, unit: string, 
/**
 * Low-stock threshold (empty: no alert).
 */
threshold: string, };
export type MoveRequest = { kind: MoveKind, 
/**
 * The item's code or exact name (a return may leave it empty: its issue says).
 */
item: string, 
/**
 * Receive, issue, return: how many. Adjust: the counted quantity on the shelf.
 */
qty: string, 
/**
 * Receive: price per unit.
 */
price: string, supplier: string, 
/**
 * Issue: the receiving department and/or person (at least one).
 */
dept: string, person: string, purpose: string, 
/**
 * Adjust: why the count differs.
 */
reason: string, 
/**
 * YYYY-MM-DD; empty means today.
 */
date: string, notes: string, 
/**
 * Return: the issue it brings back, e.g. HL-2026-00012.
 */
source: string, };
export type MoveQuery = { 
/**
 * A `MoveKind` key; blank: every kind.
 */
kind?: string, text?: string, 
/**
 * The item's code or name.
 */
item?: string, dept?: string, from?: string, to?: string, 
/**
 * 0: all.
 */
limit?: number, };
export type ConsumableMove = { doc_no: string, kind: MoveKind, kind_label: string, date: string, item_code: string, item_name: string, item_kind: string, spec: string, unit: string, 
/**
 * Signed: issues negative.
 */
qty: string, unit_price: string, 
/**
 * Signed like `qty`.
 */
value: string, dept: string | null, person: string | null, supplier: string, purpose: string, reason: string, notes: string, operator: string, state: 'posted' | 'voided', source: string | null, voided_by: string | null, 
/**
 * The balance the movement left.
 */
qty_after: string, value_after: string, };
export type StatsQuery = { by: 'dept' | 'person' | 'type' | 'item', period: '' | 'month' | 'quarter' | 'year', from?: string, to?: string, };
export type StatsRow = { 
/**
 * "2026-03", "2026-Q1", "2026", or empty when not split by period.
 */
period: string, 
/**
 * The department, person or type name, or the item's code.
 */
key: string, name: string, 
/**
 * The item's unit (by item only).
 */
unit: string, qty: string, value: string, };
export type ConsumableStats = { 
/**
 * What the rows are grouped by.
 */
by: 'dept' | 'person' | 'type' | 'item', 
/**
 * Whether the rows are split by period.
 */
by_period: boolean, rows: Array<StatsRow>, total_qty: string, total_value: string, };
export type BudgetLine = { code: string, name: string, kind: string, unit: string, 
/**
 * Net consumption in the 12 months up to `as_of`, and its two halves.
 */
last12: string, recent6: string, prior6: string, trend: string, forecast: string, latest_price: string, qty: string, price: string, amount: string, overridden: boolean, note: string, };
export type BudgetTotal = { 
/**
 * The item type (类别).
 */
kind: string, amount: string, };
export type Budget = { year: number, 
/**
 * The end of the 12 months the forecast reads.
 */
as_of: string, lines: Array<BudgetLine>, totals: Array<BudgetTotal>, total: string, };
export type ReportRequest = { report: 'register' | 'changes', 
/**
 * The asset list's filters (paging and sorting are ignored).
 */
filters?: AssetQuery, 
/**
 * YYYY-MM (or a date: its month); empty: the current month.
 */
period?: string, 
/**
 * none | dept | category | location | custodian | cf:FIELD (a custom field)
 */
group_by?: string, 
/**
 * Column keys in order (cf:FIELD for a custom field, shown after the others); empty:
 * the defaults.
 */
columns?: Array<string>, from?: string, to?: string, 
/**
 * Change kinds (addition, transfer, …); empty: all.
 */
kinds?: Array<string>, };
export type BackupInfo = { file: string, assets: number, documents: number, schema: number, 
/**
 * RFC 3339.
 */
taken_at: string, ok: boolean, problem: string | null, };
export type BackupStatus = { dir: string, last_backup_at: string | null, backups: Array<BackupInfo>, };
export type AuditEntry = { id: number, at: string, user: string, action: string, target: string, detail: string, };
export type AuditLog = { entries: Array<AuditEntry>, 
/**
 * None when the chain is intact; else the first entry where it breaks.
 */
broken_at: number | null, total: number, status: 'ok' | 'tampered' | 'rollback' | 'key_missing', 
/**
 * 审计指纹: the head's first 8 hex digits and sequence, as printed on reports.
 */
fingerprint: string, 
/**
 * What differs, in the caller's language.
 */
findings: Array<string>, };
export type LedgerParameters = { backup_every: 'off' | 'daily' | 'weekly', 
/**
 * HH:MM, local time.
 */
backup_time: string, 
/**
 * Empty: the ledger's own backups folder.
 */
backup_dir: string, backup_keep: number, 
/**
 * Lock the screen after this many idle minutes (0: never).
 */
lock_minutes: number, 
/**
 * Remind this many days ahead (loans due, warranties).
 */
reminder_days: number, 
/**
 * A transfer takes effect only when the receiving department confirms it.
 */
transfer_confirmation: boolean, 
/**
 * Document numbers, e.g. `{PREFIX}-{YYYY}-{SEQ5}` → LY-2026-00012.
 */
doc_number_rule: string, 
/**
 * A new asset's salvage rate when neither the clerk nor its category gives one,
 * as typed ("5%" or "0.05"); stored as a fraction. Absent: 0 (older ledgers).
 */
default_salvage_rate: string, };
export type Parameters = { org_name: string, asset_code_rule: string, backup_every: 'off' | 'daily' | 'weekly', 
/**
 * HH:MM, local time.
 */
backup_time: string, 
/**
 * Empty: the ledger's own backups folder.
 */
backup_dir: string, backup_keep: number, 
/**
 * Lock the screen after this many idle minutes (0: never).
 */
lock_minutes: number, 
/**
 * Remind this many days ahead (loans due, warranties).
 */
reminder_days: number, 
/**
 * A transfer takes effect only when the receiving department confirms it.
 */
transfer_confirmation: boolean, 
/**
 * Document numbers, e.g. `{PREFIX}-{YYYY}-{SEQ5}` → LY-2026-00012.
 */
doc_number_rule: string, 
/**
 * A new asset's salvage rate when neither the clerk nor its category gives one,
 * as typed ("5%" or "0.05"); stored as a fraction. Absent: 0 (older ledgers).
 */
default_salvage_rate: string, };
export type ReportColumnInfo = { key: string, label: string, 
/**
 * Shown unless the clerk chooses otherwise.
 */
default: boolean, };
export type ReportTableColumn = { header: string, kind: 'text' | 'money' | 'date' | 'integer' | 'number', };
export type ReportTableSection = { heading: string, rows: Array<Array<string>>, 
/**
 * Detail rows left out of the preview.
 */
hidden: number, 
/**
 * The section's subtotal (or total) row.
 */
subtotal: Array<string>, };
export type ReportTable = { title: string, columns: Array<ReportTableColumn>, sections: Array<ReportTableSection>, 
/**
 * Detail rows in the whole report.
 */
row_count: number, };
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
export type ScanOutcome = { stocktake: number, scan_id: number, code: string, verdict: Verdict, verdict_label: string, name: string | null, recorded_dept: string | null, recorded_location: string | null, scanned_location: string | null, source: ScanSource, 
/**
 * 非本系统编码: a code that does not look like one of ours (flagged live, issue 20).
 */
foreign: boolean, counters: Counters, };
export type ScanRow = { id: number, code: string, verdict: Verdict, verdict_label: string, name: string | null, at: string, source: ScanSource, location: string | null, 
/**
 * 非本系统编码 (as on the scan's outcome).
 */
foreign: boolean, };
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
export type RepairOpenRequest = { code: string, fault: string, date?: string, };
export type RepairStepRequest = { order: string, date?: string, supplier?: string, technician?: string, note?: string, };
export type RepairCostRequest = { order: string, amount: string, invoice?: string, treatment?: string, date?: string, note?: string, };
export type RepairQuery = { 
/**
 * A state's key (reported, accepted, sent, completed, verified, cannot_fix) or label.
 */
state?: string, open_only?: boolean, text?: string, code?: string, };
export type RepairRow = { id: number, order_no: string, code: string, name: string, state: RepairState, state_label: string, fault: string, reported_on: string, reported_by: string, 
/**
 * in (在保) | out (过保) | unknown
 */
warranty: string, warranty_label: string, warranty_until: string | null, dept: string | null, category: string, 
/**
 * Where it was repaired: the supplier, else the in-house technician.
 */
repairer: string, accepted_on: string | null, sent_on: string | null, completed_on: string | null, closed_on: string | null, handling: string, fault_doc: string | null, repair_doc: string | null, cost: string, turnaround_days: number | null, };
export type RepairEvent = { state: RepairState, state_label: string, date: string, user: string, note: string, doc_no: string | null, };
export type RepairCost = { amount: string, invoice: string, treatment: string, treatment_label: string, value_doc: string | null, date: string, note: string, recorded_by: string, };
export type RepairDetail = { row: RepairRow, model: string, serial: string, supplier_contact: string, supplier_phone: string, events: Array<RepairEvent>, costs: Array<RepairCost>, 
/**
 * The steps this order can take next (accept, send, cost, complete, verify, cannot_fix).
 */
next: Array<string>, };
export type RepairStepResult = { order_no: string, state: RepairState, doc_no: string | null, 
/**
 * After a cost: the order's total cost.
 */
cost: string | null, };
export type ScrapOffer = { order_no: string, code: string, 
/**
 * The reason for the scrap document, in the caller's language.
 */
reason: string, };
export type RepairReportRequest = { 
/**
 * dept | category | supplier | month
 */
by: string, from?: string, to?: string, };
export type RepairReportRow = { group: string, orders: number, repaired: number, cannot_fix: number, in_warranty: number, expensed: string, capitalised: string, total_cost: string, 
/**
 * Average days from report to repair, one decimal ("2.5"); null when none was repaired.
 */
avg_turnaround_days: string | null, maintenance_done: number, };
export type RepairReport = { by: string, rows: Array<RepairReportRow>, total: RepairReportRow, };
export type SupplierInput = { name: string, contact?: string, phone?: string, supplies?: string, };
export type SupplierPatch = { name?: string, contact?: string, phone?: string, supplies?: string, };
export type Supplier = { name: string, contact: string, phone: string, supplies: string, active: boolean, repairs: number, };
export type MaintenancePlanInput = { title: string, code?: string, category?: string, every: string, unit?: string, first_due?: string, supplier?: string, };
export type MaintenancePlan = { id: number, title: string, code: string, name: string, category: string, every: number, 
/**
 * days | months
 */
unit: string, unit_label: string, next_due: string, supplier: string | null, active: boolean, last_done: string | null, times_done: number, };
export type MaintenanceDue = { plan: MaintenancePlan, 
/**
 * Days until due; negative when overdue.
 */
days_left: number, overdue: boolean, };
export type MaintenanceDoneRequest = { plan: number, date?: string, note?: string, };
export type MaintenanceDoneResult = { plan: number, next_due: string, };
export type MaintenancePlanActiveRequest = { plan: number, active: boolean, reason?: string, };
export type MaintenancePlanEdit = { plan: number, title?: string, every?: string, 
/**
 * days | months
 */
unit?: string, next_due?: string, supplier?: string, };
export type WarrantyRow = { code: string, name: string, dept: string | null, supplier: string, warranty_until: string, days_left: number, };
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
export type PlanRequest = { sheet?: string, mapping?: ImportMapping, 
/**
 * Old category name → the ledger's (issue 21); with it, an unmapped unknown name is
 * that row's error.
 */
category_map?: Record<string, string>, };
export type ImportFieldOption = { key: string, label: string, };
export type ImportPlan = { file: string, sheets: Array<string>, sheet: string, header_row: number, columns: { column: number; letter: string; header: string; field: string | null; custom?: string }[], fields: Array<ImportFieldOption>, 
/**
 * The ledger's active custom fields, which a column may fill (issue 21).
 */
custom_fields: Array<string>, mapping: ImportMapping, rows_read: number, valid_rows: number, skipped: number, errors: { row: number; column: string; message: string }[], 
/**
 * The first rows as they will be stored, for a preview.
 */
sample: Record<string, unknown>[], 
/**
 * Registers the import would create; the clerk confirms them.
 */
new_registers: { category: string[]; dept: string[]; location: string[]; person: string[]; supplier: string[] }, };
export type ImportResult = { rows_read: number, imported: number, skipped: number, errors: { row: number; column: string; message: string }[], would_import: number, already_present: number, dry_run: boolean, };
export type ImportBatch = { 
/**
 * The batch's 资产新增 document number: what `import void` takes.
 */
batch: string, date: string, 
/**
 * The imported file's name; empty for batches imported before it was kept.
 */
file: string, operator: string, assets: number, state: 'posted' | 'voided', voided_by: string | null, };
export type BatchQuery = { 
/**
 * Part of the batch number, file name, operator or date.
 */
query?: string, state?: 'posted' | 'voided', };
export type ApprovalSetting = { 
/**
 * The setting's name, e.g. `approval.scrap`.
 */
key: string, kind: DocKind, kind_label: string, required: boolean, };
export type ApprovalSettingRequest = { kind: string, required: boolean, };
export type Approval = { applicant: string, 
/**
 * YYYY-MM-DD (local).
 */
applied_on: string, state: 'pending' | 'approved' | 'rejected', approver: string | null, decided_on: string | null, reason: string, };
export type PendingApproval = { doc_no: string, kind: DocKind, kind_label: string, date: string, applicant: string, 
/**
 * YYYY-MM-DD (local).
 */
applied_on: string, asset_count: number, summary: string, 
/**
 * The caller applied for it, so cannot decide it.
 */
own: boolean, };
export type ApprovalResult = { doc_no: string, state: 'posted' | 'awaiting_confirmation', };
export type User = { name: string, role: 'admin' | 'power' | 'normal', role_label: string, dept: string | null, active: boolean, };
export type NewUser = { name: string, role: 'admin' | 'power' | 'normal', dept?: string, password: string, };
export type UserChange = { user: string, change: 'disable' | 'enable' | 'role' | 'dept', value?: string, };
export type RolePermission = { role: 'admin' | 'power' | 'normal', permission: string, label: string, allowed: boolean, default: boolean, };
export type DepPeriod = { period: string, state: 'posted' | 'reopened', assets: number, total: string, posted_by: string, posted_at: string, reopened_by: string | null, reopened_at: string | null, reopen_reason: string | null, };
export type DepStatus = { last_posted: string | null, next: string | null, periods: Array<DepPeriod>, };
export type DepLine = { code: string, name: string, category: string, dept: string | null, method: string, method_label: string, cost: string, amount: string, accumulated: string, net_book_value: string, 
/**
 * Units-of-production: units used in the period.
 */
units: string | null, };
export type DepSummary = { group: string, assets: number, cost: string, amount: string, accumulated: string, net_book_value: string, };
export type DepRun = { period: string, posted: boolean, assets: number, total: string, accumulated: string, net_book_value: string, line_count: number, 
/**
 * The first lines by code (all of them when no limit was asked for).
 */
lines: Array<DepLine>, by_category: Array<DepSummary>, posted_by: string | null, posted_at: string | null, late_start: Array<string>, 
/**
 * Government ledgers: charged assets whose life is below their category's minimum.
 */
short_life: Array<string>, };
export type ScheduleRow = { period: string, amount: string, accumulated: string, net_book_value: string, posted: boolean, };
export type DepRevision = { effective: string, reason: string, old_life_years: number | null, new_life_years: number | null, old_salvage: string, new_salvage: string, old_method: string, new_method: string, accumulated: string, by: string, at: string, };
export type AssetSchedule = { code: string, method: string, cost: string, salvage: string, life_months: number | null, start: string | null, leaves: string | null, opening_period: string | null, opening_accumulated: string | null, accumulated: string, net_book_value: string, 
/**
 * 减值准备 (issue 21); the net value is after it.
 */
impairment: string, depreciable: boolean, 
/**
 * Field keys the card lacks for depreciation (acquired, value, life_years, total_units).
 */
missing: Array<string>, rows: Array<ScheduleRow>, revisions: Array<DepRevision>, };
export type RevisionInput = { reason: string, life_years?: string, salvage_rate?: string, salvage?: string, method?: string, total_units?: string, };
export type DisposalLine = { code: string, name: string, net_book_value: string, };
export type Disposal = { doc_no: string, date: string, proceeds: string, costs: string, net_book_value: string, gain_loss: string, lines: Array<DisposalLine>, };
export type RegisterLine = { code: string, name: string, category: string, dept: string | null, status: Status, acquired: string | null, cost: string, accumulated: string, net_book_value: string, };
export type CategoryDefaults = { category: string, method: string, life_years: number | null, salvage_rate: string, 
/**
 * The category's minimum life (政府固定资产折旧年限表), if set.
 */
min_life_years: number | null, };
export type NewAssetDefaults = { method: string, life_years: number | null, salvage_rate: string, salvage_from: 'category' | 'ledger', 
/**
 * The parent category these defaults are inherited from (null: the category's own, or the ledger's).
 */
inherited_from: string | null, };
export type OpeningBalance = { code: string, period: string, accumulated: string, };
export type AccountingRegime = { regime: 'enterprise' | 'government', label: string, 
/**
 * False once any depreciation run exists.
 */
changeable: boolean, };
export type ValueChangeRequest = { code: string, kind: ValueChangeKind, amount: string, date?: string, reason: string, notes?: string, };
export type ValueChangeResult = { doc: string, code: string, kind: ValueChangeKind, kind_label: string, date: string, amount: string, 
/**
 * The first month charged on the new value (YYYY-MM).
 */
effective: string, cost_before: string, cost_after: string, net_before: string, net_after: string, impairment: string, 
/**
 * Waits for approval (待审批): nothing changed yet.
 */
pending: boolean, };
export type ValueChangeEntry = { doc: string, kind: ValueChangeKind, kind_label: string, date: string, effective: string, amount: string, cost_before: string, cost_after: string, net_before: string, net_after: string, impairment: string, reason: string, operator: string, state: 'posted' | 'voided' | 'pending' | 'rejected', };
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
export type LabelPrintProgress = { 
/**
 * The app's handle for this print, from its first event on (`cancel_label_print`).
 */
run: number, 
/**
 * Its number in the print history; 0 while rendering (not in the history yet).
 */
job: number, 
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
export type TemplateInfo = { name: string, description: string, builtin: boolean, is_default: boolean, width_mm: number, height_mm: number, sheet: boolean, };
export type LabelTemplate = { 
/**
 * Format version of the file; newer files are refused rather than misread.
 */
version: number, name: string, description?: string, size: LabelSize, orientation?: LabelOrientation, elements: Array<LabelElement>, 
/**
 * Present for A4 office sheets; absent for roll label printers (one page a label).
 */
sheet?: SheetLayout | null, };
export type LabelSize = "50x30mm" | "40x30mm" | "60x40mm" | "70x40mm" | "2.25x1.25in" | { "custom": { width_mm: number, height_mm: number, } };
export type LabelOrientation = "landscape" | "portrait";
export type LabelElement = { "type": "text" } & TextElement | { "type": "barcode" } & BarcodeElement;
export type TextElement = { x_mm: number, y_mm: number, font_size_pt: number, content: LabelContent, 
/**
 * Printed before the content, e.g. "名称：".
 */
prefix?: string, 
/**
 * Room for the text; defaults to the rest of the label to the right.
 */
max_width_mm?: number | null, 
/**
 * Too-wide text is set smaller (down to [`crate::MIN_SHRINK_PT`]) instead of
 * being refused. Good for names, whose length varies.
 */
shrink_to_fit?: boolean, 
/**
 * Lines the text may wrap onto (1-9; 1: a single line). Chinese breaks between
 * any two characters, other text at spaces (a word wider than the line breaks
 * where it must). Wrapping comes before shrinking.
 */
max_lines?: number, };
export type BarcodeElement = { x_mm: number, y_mm: number, symbology: Symbology, content: LabelContent, 
/**
 * Preferred narrow bar (or matrix cell) width; shrunk towards
 * [`crate::MIN_MODULE_MM`] if the code would not fit otherwise.
 */
module_mm: number, 
/**
 * Bar height of linear codes (ignored for QR / Data Matrix).
 */
height_mm: number, 
/**
 * Print the encoded text under a linear code.
 */
human_readable: boolean, human_readable_size_pt: number, };
export type LabelContent = { "field": LabelField } | { "extra": string } | { "literal": string };
export type LabelField = "code" | "name" | "model" | "dept" | "location" | "acquired" | "org";
export type Symbology = "code128" | "code39" | "qr" | "data_matrix";
export type SheetLayout = { page_width_mm?: number, page_height_mm?: number, columns: number, rows: number, margin_left_mm: number, margin_top_mm: number, gap_x_mm?: number, gap_y_mm?: number, };
export type LabelLanguage = "pdf" | "zpl" | "tspl" | "epl";
export type PrinterMode = "native" | "bitmap";
export type PrinterMedia = "gap" | "black_mark" | "continuous";
export type PrinterEntry = { name: string, 
/**
 * `tcp://HOST:PORT`, `cups:QUEUE`, `file:PATH`, `winspool:NAME` (see
 * `labels::PrinterUri`); an installed printer's `id` from the system list.
 */
uri: string, 
/**
 * `tspl`, `zpl`, `epl` or `pdf`.
 */
language: LabelLanguage, 
/**
 * 203 or 300 (thermal printers).
 */
dpi?: number, darkness?: number | null, speed?: number | null, 
/**
 * Native commands or the whole label as one image.
 */
mode?: PrinterMode, media?: PrinterMedia, 
/**
 * Gap between labels (or the black mark's height), mm.
 */
gap_mm?: number, offset_x_mm?: number, offset_y_mm?: number, 
/**
 * The label stock loaded, mm; `None`: each template's own size.
 */
label_width_mm?: number | null, label_height_mm?: number | null, };
export type LabelSettings = { 
/**
 * Empty: [`DEFAULT_TEMPLATE`].
 */
default_template: string, 
/**
 * Name of the printer "print" goes to unless another is chosen; empty: none.
 */
default_printer: string, printers: Array<PrinterEntry>, };
export type PreviewItem = { "kind": "text", x_mm: number, y_mm: number, size_pt: number, text: string, } | { "kind": "bars", x_mm: number, y_mm: number, module_mm: number, height_mm: number, bars: Array<[number, number]>, } | { "kind": "matrix", x_mm: number, y_mm: number, module_mm: number, width: number, height: number, dark: Array<[number, number]>, };
export type LabelPreviewData = { width_mm: number, height_mm: number, dpi: number, png: string, items: Array<PreviewItem>, 
/**
 * The code the preview shows (the chosen asset or the sample).
 */
code: string, };
export type ApiError = { 
/**
 * The stable code (`invalid_input`, `not_found`, `printer_not_ready` …).
 */
code: string, message: string, fields: Array<string>, };
export type SessionUser = { name: string, role: 'admin' | 'power' | 'normal', dept_id: number | null, };
export type AppStatus = { initialized: boolean, data_dir: string, org_name: string, lang: string, user: SessionUser | null, permissions: Array<string>, 
/**
 * Days since the last backup (None: never).
 */
backup_age_days: number | null, 
/**
 * Lock the screen after this many idle minutes (0: never).
 */
lock_minutes: number, 
/**
 * What the tamper check found when the ledger was opened (issue 26), in the UI language.
 */
audit_alarms: Array<string>, };
export type SetupRequest = { org_name: string, admin_name: string, admin_password: string, lang: string, 
/**
 * enterprise | government (issue 21); empty keeps enterprise.
 */
regime?: string, };
export type TaxSetting = { category: string, 
/**
 * straight-line | double-declining | sum-of-years | one-time
 */
method: string, 
/**
 * "年限平均法 3 年", as the report says it.
 */
label: string, life_months: number | null, };
export type TaxSettingRequest = { 
/**
 * A category name; or empty, with `asset` set.
 */
category: string, 
/**
 * An asset code (its own setting overrides its category's).
 */
asset: string, 
/**
 * straight-line | double-declining | sum-of-years | one-time (or the Chinese name);
 * empty: clear the setting.
 */
method: string, 
/**
 * Years ("3") or months ("22个月"); empty for one-time.
 */
life: string, };
export type TaxReportRequest = { 
/**
 * YYYY-MM; empty: January of `to`'s year (the tax year so far).
 */
from: string, 
/**
 * YYYY-MM.
 */
to: string, };
export type TaxLine = { code: string, name: string, category: string, dept: string | null, 
/**
 * The tax method in force; null when tax follows the book.
 */
method: string | null, life_months: number | null, 
/**
 * "年限平均法 3 年" or "同账面".
 */
method_label: string, 
/**
 * asset | category | book
 */
source: 'asset' | 'category' | 'book', source_label: string, cost: string, tax_base: string, book_charge: string, tax_charge: string, 
/**
 * 纳税调整 = book − tax: positive 调增, negative 调减.
 */
adjustment: string, book_accumulated: string, tax_accumulated: string, book_net: string, tax_net: string, 
/**
 * book net − tax net.
 */
temporary_difference: string, note: string, };
export type TaxReport = { from: string, to: string, lines: Array<TaxLine>, book_charge: string, tax_charge: string, adjustment: string, temporary_difference: string, };
export type Printable = { "kind": "slip", doc_no: string, } | { "kind": "consumable_slip", doc_no: string, } | { "kind": "card", code: string, } | { "kind": "report", request: ReportRequest, } | { "kind": "stocktake_report", id: number, } | { "kind": "depreciation", period: string, report: 'detail' | 'category' | 'dept' | 'register', } | { "kind": "repair_report", query: RepairReportRequest, } | { "kind": "label_sheet", request: PrintRequest, } | { "kind": "tax_report", request: TaxReportRequest, };
export type PaperPreview = { id: number, title: string, pages: number, 
/**
 * The first page in millimetres.
 */
width_mm: number, height_mm: number, orientation: 'portrait' | 'landscape', 
/**
 * a5 | a4 | a4-landscape: the paper it is laid out on, and the choices.
 */
paper: string, papers: Array<string>, };
export type PaperPrinter = { id: string, name: string, is_default: boolean, state: string, 
/**
 * Why it cannot print now (in the UI language), when it cannot.
 */
problem: string | null, warnings: Array<string>, };
export type PaperPrinters = { printers: Array<PaperPrinter>, 
/**
 * The printer this computer printed paper on last.
 */
last: string | null, 
/**
 * Why the list could not be read (CUPS not running ...).
 */
error: ApiError | null, };
export type Printed = { printer: string, copies: number, pages: number, job: string | null, warnings: Array<string>, };
export type PaperProgress = { id: number, done: number, total: number, };
export type CategoryNode = { name: string, 
/**
 * The standard's class code of a seeded category (GB/T 14885-2022).
 */
class_code: string | null, parent: string | null, 
/**
 * 0 for a top category.
 */
depth: number, active: boolean, asset_count: number, 
/**
 * Its minimum life (政府固定资产折旧年限表), in years.
 */
min_life_years: number | null, 
/**
 * The depreciation defaults a new asset of it gets, its own or inherited (null: none up the tree).
 */
method: string | null, life_years: number | null, salvage_rate: string | null, 
/**
 * The parent whose method and salvage rate it inherits (null: its own).
 */
defaults_from: string | null, 
/**
 * The parent whose default life it inherits (null: its own, or no life).
 */
life_from: string | null, };
export type SeedOutcome = { added: number, placed: number, unchanged: number, min_lives_set: number, };
export type VoucherLine = { 
/**
 * "debit" | "credit"
 */
side: string, 
/**
 * 摘要
 */
summary: string, account: string, account_name: string, dept: string | null, cost_centre: string, category: string, assets: number, 
/**
 * "" on a credit line.
 */
debit: string, 
/**
 * "" on a debit line.
 */
credit: string, };
export type Voucher = { period: string, 
/**
 * "enterprise" | "government"
 */
regime: string, lines: Array<VoucherLine>, debit_total: string, credit_total: string, balanced: boolean, };
export type AccountDefaults = { expense_account: string, depreciation_account: string, asset_account: string, };
export type CategoryAccounts = { category: string, asset_account: string, depreciation_account: string, };
export type DeptAccounts = { dept: string, expense_account: string, cost_centre: string, };
export type AccountChoice = { code: string, name: string, };
export type Accounts = { regime: string, defaults: AccountDefaults, categories: Array<CategoryAccounts>, depts: Array<DeptAccounts>, chart: Array<AccountChoice>, };
export type HubInitRequest = { 
/**
 * A PostgreSQL connection string: `postgres://user@host/db` or `host=… dbname=…`.
 */
url: string, };
export type HubInitResult = { schema_version: number, };
export type HubJoinRequest = { url: string, 
/**
 * The site's name (分校A).
 */
site: string, 
/**
 * 1–8 ASCII letters or digits before this desk's document numbers (A1-LY-2026-00012).
 * Empty: the site name itself when it is such a code (a Chinese name needs one given).
 */
prefix?: string, };
export type HubMembership = { 
/**
 * The connection string, its password masked.
 */
url: string, site: string, prefix: string, pushed_up_to: number, };
export type HubSyncResult = { pushed: number, pulled: number, applied: number, conflicts: number, unsupported: number, };
export type HubPulledDocument = { global_id: string, site: string, doc_no: string, kind: string, 
/**
 * applied | conflict | unsupported
 */
outcome: string, message: string, };
export type HubRefusedDocument = { doc_no: string, kind: string, 
/**
 * Why, in both languages (zh / en), and the way out: void it here.
 */
message: string, };
export type HubStatus = { 
/**
 * None: this desk has not joined a hub.
 */
joined: HubMembership | null, 
/**
 * Whether the hub answered just now (None when not joined).
 */
reachable: boolean | null, 
/**
 * Why it did not, in the caller's language.
 */
error: string, to_push: number, 
/**
 * The first document still awaiting approval or confirmation: pushed once it takes
 * effect (it holds back nothing else).
 */
held_back_by: string | null, 
/**
 * This desk's documents the hub refused (another desk moved one of their assets
 * first): conflicts to resolve here, oldest first.
 */
refused: Array<HubRefusedDocument>, 
/**
 * This desk's documents waiting behind a refused one (they touch its assets).
 */
held: Array<string>, 
/**
 * None: unknown while the hub is unreachable.
 */
to_pull: number | null, 
/**
 * The documents pulled but refused by the rules, newest first.
 */
conflicts: Array<HubPulledDocument>, unsupported: number, };
export type HubSiteCheck = { site: string, hub_documents: number, desk_documents: number, hub_hash: string, desk_hash: string, agree: boolean, };
export type HubVerifyResult = { sites: Array<HubSiteCheck>, agree: boolean, };
export type HubSyncState = { 
/**
 * not_joined | synced | syncing | offline | error | conflicts
 */
state: 'not_joined' | 'synced' | 'syncing' | 'offline' | 'error' | 'conflicts', 
/**
 * This desk's documents not yet on the hub.
 */
to_push: number, 
/**
 * The document awaiting approval or confirmation that holds back the push.
 */
held_back_by: string | null, conflicts: number, 
/**
 * When a sync last completed (RFC 3339), None: never.
 */
last_sync: string | null, 
/**
 * Why the last round failed, in the UI language (offline / error).
 */
error: string, 
/**
 * False: this user's session pushes but does not pull (only a settings manager
 * applies other desks' documents, in their name).
 */
pulls: boolean, 
/**
 * Seconds between background rounds.
 */
interval_seconds: number, 
/**
 * What the last round did (None: it failed or none ran yet).
 */
last: HubSyncResult | null, };
export type HubOverview = { joined: HubMembership | null, sync: HubSyncState, 
/**
 * Every site this desk knows, with how many of its documents the desk holds.
 */
sites: Array<HubSite>, 
/**
 * Other sites' documents pulled and applied here.
 */
pulled: number, 
/**
 * Pulled but of a kind this version does not apply yet.
 */
unsupported: number, };
export type HubSite = { site: string, 
/**
 * This desk's own site.
 */
own: boolean, documents: number, };
export type HubConflict = { global_id: string, site: string, doc_no: string, kind: string, 
/**
 * The kind's name in the UI language.
 */
kind_label: string, 
/**
 * Why it was refused, in the UI language.
 */
reason: string, hub_seq: number, 
/**
 * This desk's own document, refused by the hub at push (another site moved one of its
 * assets first): the way out is voiding it (and what waits behind it), not 重试.
 */
refused_push: boolean, };
export type HubConflictQuery = { query?: string, site?: string, };

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
