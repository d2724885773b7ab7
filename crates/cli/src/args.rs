//! The command-line grammar (clap). Names and flags follow ../shared/CLI.md.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Parser, Debug)]
#[command(name = "assetdesk", version, about = "AssetDesk fixed-asset ledger (固定资产台账) from the command line")]
pub struct Cli {
    /// Ledger folder (default: $ASSETDESK_DATA_DIR, else the OS data directory).
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Who acts (default: the only admin). Password from $ASSETDESK_PASSWORD or a prompt.
    #[arg(long, global = true, value_name = "NAME")]
    pub user: Option<String>,
    /// Results as JSON on stdout.
    #[arg(long, global = true)]
    pub json: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Create a new ledger with its first admin (password from $ASSETDESK_PASSWORD or a prompt).
    Init {
        #[arg(long, value_name = "NAME")]
        admin: String,
        /// Organisation name printed on labels and slips.
        #[arg(long, value_name = "TEXT", default_value = "")]
        company: String,
        /// The accounting regime (issue 21): enterprise (企业会计准则, the default) or
        /// government (政府会计准则); later `settings set accounting.regime`.
        #[arg(long, value_parser = ["enterprise", "government"])]
        regime: Option<String>,
    },
    /// Users and roles: add, list, disable/enable, set-role, set-department, passwords.
    #[command(subcommand)]
    User(crate::users::UserCommand),
    /// Asset cards and the ledger list.
    #[command(subcommand)]
    Asset(AssetCommand),
    /// Categories, departments, locations and people (custodians).
    #[command(subcommand)]
    Register(RegisterCommand),
    /// Backups: create (for cron), verify, restore.
    #[command(subcommand)]
    Backup(BackupCommand),
    /// The tamper-evident audit log.
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Lifecycle documents: issue, return, transfer, loan, repair, scrap, disposal, write-off, void.
    #[command(subcommand)]
    Doc(DocCommand),
    /// Import a legacy ledger from .xlsx, .xls or .csv (UTF-8 or GBK); `import list` and
    /// `import void BATCH --reason TEXT` show and void earlier import batches.
    #[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
    Import {
        #[command(subcommand)]
        batch: Option<crate::corrections::ImportBatchCommand>,
        #[arg(required = true)]
        file: Option<PathBuf>,
        /// The sheet to read (default: the first with a recognisable header).
        #[arg(long, value_name = "NAME")]
        sheet: Option<String>,
        /// Check every row and report, writing nothing.
        #[arg(long)]
        dry_run: bool,
        /// Import the valid rows and skip the invalid ones (default: all or nothing).
        #[arg(long)]
        skip_invalid: bool,
        /// Read the column headed HEADER as FIELD (a field key such as name, code, dept,
        /// value, or `ignore`); remembered in the ledger for later imports. Repeatable.
        #[arg(long = "map", value_name = "HEADER=FIELD")]
        map: Vec<String>,
        /// A two-column CSV (old category name, the ledger's category name): each row's
        /// category is renamed through it; a name neither mapped nor in the ledger is that
        /// row's error (issue 21).
        #[arg(long, value_name = "FILE")]
        category_map: Option<PathBuf>,
    },
    /// Export the asset list, as filtered, to an Excel workbook.
    Export {
        /// The .xlsx file to write.
        file: PathBuf,
        #[command(flatten)]
        filters: AssetFilters,
    },
    /// Stocktake (盘点): plan, scan (manual, serial scanner, batch file), report, close.
    #[command(subcommand)]
    Stocktake(crate::stocktake::StocktakeCommand),
    // Depreciation (issue 6).
    /// 折旧: monthly runs, schedules, revisions, opening balances, reports, disposal gain/loss.
    #[command(subcommand)]
    Depreciation(crate::depreciation::DepreciationCommand),
    /// Print asset labels to a file (PDF, ZPL, TSPL) or a printer.
    Label(crate::labels::LabelArgs),
    // Standard reports (issue 9).
    /// 报表: the asset register with values (grouped, chosen columns) and the changes in a period.
    #[command(subcommand)]
    Report(crate::reports::ReportCommand),
    // Low-value consumables (issue 7).
    /// 低值易耗品: items, receipts, issues, returns, count adjustments, stock, statistics, budget.
    #[command(subcommand)]
    Consumable(crate::consumables::ConsumableCommand),
    // Label printers (issue 18).
    /// 标签打印机: set up (list, add, set, default, remove), test page, print history, retry.
    #[command(subcommand)]
    Printer(crate::printers::PrinterCommand),
    // Repairs and maintenance (issue 22).
    /// 维修单: open, accept, send, cost, complete, verify, cannot-fix, list, slip, report.
    #[command(subcommand)]
    Repair(crate::repairs::RepairCommand),
    /// 保养计划: plans per asset or category, what is due, done.
    #[command(subcommand)]
    Maintenance(crate::repairs::MaintenanceCommand),
    /// 保修: warranties ending soon.
    #[command(subcommand)]
    Warranty(crate::repairs::WarrantyCommand),
    // Approvals (issue 20).
    /// 设置: ledger settings, e.g. `settings set approval.scrap on`, `settings set accounting.regime government`.
    #[command(subcommand)]
    Settings(crate::settings::SettingsCommand),
    // The PostgreSQL hub, preview (issue 24).
    /// 数据中心: init, join, sync, status, verify (several desks on one ledger; docs/hub.md).
    #[command(subcommand)]
    Hub(crate::hub::HubCommand),
}

/// Flags every document takes.
#[derive(Args, Debug, Clone, Default)]
pub struct DocCommon {
    /// Document date (default: today).
    #[arg(long, value_name = "YYYY-MM-DD", global = false)]
    pub date: Option<String>,
    #[arg(long, value_name = "TEXT")]
    pub notes: Option<String>,
}

#[derive(Subcommand, Debug)]
pub enum DocCommand {
    /// 领用出库: issue assets to a person (in stock -> in use).
    Issue {
        #[arg(long, value_name = "PERSON")]
        to: String,
        #[arg(long, value_name = "DEPT")]
        dept: Option<String>,
        #[arg(long, value_name = "LOC")]
        location: Option<String>,
        #[command(flatten)]
        common: DocCommon,
        #[arg(required = true, value_name = "CODE")]
        codes: Vec<String>,
    },
    /// 退库: return issued assets to stock; --from ISSUE-DOC returns what is still out under it.
    Return {
        #[arg(long, value_name = "DOCNO")]
        from: Option<String>,
        #[arg(long, value_name = "LOC")]
        location: Option<String>,
        #[command(flatten)]
        common: DocCommon,
        #[arg(value_name = "CODE", required_unless_present = "from")]
        codes: Vec<String>,
    },
    /// 调拨: move assets to another department (and location).
    Transfer {
        #[arg(long, value_name = "DEPT")]
        to_dept: String,
        #[arg(long, value_name = "LOC")]
        location: Option<String>,
        #[command(flatten)]
        common: DocCommon,
        #[arg(required = true, value_name = "CODE")]
        codes: Vec<String>,
    },
    /// 借用: lend assets until a due date.
    Loan {
        #[arg(long, value_name = "PERSON")]
        borrower: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        due: String,
        #[command(flatten)]
        common: DocCommon,
        #[arg(required = true, value_name = "CODE")]
        codes: Vec<String>,
    },
    /// 归还: loaned assets come back.
    LoanReturn {
        #[command(flatten)]
        common: DocCommon,
        #[arg(required = true, value_name = "CODE")]
        codes: Vec<String>,
    },
    /// 缺陷登记: record a defect.
    Defect {
        #[arg(long, value_name = "TEXT")]
        note: String,
        #[command(flatten)]
        common: DocCommon,
        #[arg(required = true, value_name = "CODE")]
        codes: Vec<String>,
    },
    /// 消缺: clear a defect.
    DefectClear {
        #[arg(long, value_name = "TEXT")]
        handling: Option<String>,
        #[command(flatten)]
        common: DocCommon,
        #[arg(required = true, value_name = "CODE")]
        codes: Vec<String>,
    },
    /// 故障登记: record a fault (the asset goes under repair).
    Fault {
        #[arg(long, value_name = "TEXT")]
        note: String,
        #[command(flatten)]
        common: DocCommon,
        #[arg(required = true, value_name = "CODE")]
        codes: Vec<String>,
    },
    /// 故障维修: the repair is done (back to the state before the fault).
    Repair {
        #[arg(long, value_name = "AMOUNT")]
        cost: Option<String>,
        /// Repaired by an external vendor (default: in-house).
        #[arg(long, value_name = "NAME")]
        vendor: Option<String>,
        #[arg(long, value_name = "TEXT")]
        cause: Option<String>,
        #[arg(long, value_parser = ["quality", "human", "other"])]
        cause_category: Option<String>,
        #[arg(long, value_name = "TEXT")]
        handling: Option<String>,
        /// Was the asset under warranty?
        #[arg(long, value_parser = ["yes", "no"])]
        warranty: Option<String>,
        /// The re-check result after the repair (复检).
        #[arg(long, value_name = "TEXT")]
        recheck: Option<String>,
        #[command(flatten)]
        common: DocCommon,
        #[arg(required = true, value_name = "CODE")]
        codes: Vec<String>,
    },
    /// 报废: take assets out of service.
    Scrap {
        #[arg(long, value_name = "TEXT")]
        reason: String,
        #[command(flatten)]
        common: DocCommon,
        #[arg(required = true, value_name = "CODE")]
        codes: Vec<String>,
    },
    /// 处置: sell or destroy scrapped assets.
    Dispose {
        #[arg(long, value_parser = ["sale", "destroy"])]
        method: String,
        #[arg(long, value_name = "AMOUNT")]
        proceeds: Option<String>,
        #[command(flatten)]
        common: DocCommon,
        #[arg(required = true, value_name = "CODE")]
        codes: Vec<String>,
    },
    /// 销账: remove assets from the books.
    WriteOff {
        #[arg(long, value_parser = ["sold", "destroyed", "lost", "stolen"])]
        reason: String,
        #[command(flatten)]
        common: DocCommon,
        #[arg(required = true, value_name = "CODE")]
        codes: Vec<String>,
    },
    /// Void a mistaken document (reverses it if nothing later depends on it).
    Void {
        #[arg(value_name = "DOCNO")]
        doc_no: String,
        #[arg(long, value_name = "TEXT")]
        reason: String,
    },
    /// List documents, newest first.
    List {
        #[arg(long, value_name = "KIND")]
        kind: Option<String>,
        #[arg(long, value_name = "Q")]
        query: Option<String>,
        #[arg(long, value_name = "N")]
        limit: Option<i64>,
        #[command(flatten)]
        filters: crate::corrections::DocListFilters,
    },
    /// 续借: give an asset on loan a new due date.
    Extend {
        #[arg(long, value_name = "YYYY-MM-DD")]
        due: String,
        #[arg(long, value_name = "TEXT")]
        notes: Option<String>,
        #[arg(value_name = "CODE")]
        code: String,
    },
    /// Show one document with its lines.
    Show {
        #[arg(value_name = "DOCNO")]
        doc_no: String,
    },
    /// Assets out on loan, overdue first.
    Loans,
    /// The receiving department accepts a pending transfer (when confirmation is on).
    Confirm {
        #[arg(value_name = "DOCNO")]
        doc_no: String,
    },
    /// 待审批 (issue 20): the documents awaiting approval (an approver sees all, anyone
    /// else their own).
    Pending,
    /// Approve a document awaiting approval (not your own); it takes effect now.
    Approve {
        #[arg(value_name = "DOCNO")]
        doc_no: String,
    },
    /// Reject a document awaiting approval (it changes nothing and keeps the reason), or
    /// refuse a pending transfer as the receiving department.
    Reject {
        #[arg(value_name = "DOCNO")]
        doc_no: String,
        #[arg(long, value_name = "TEXT")]
        reason: String,
    },
    /// Print a document's slip (with signature lines) to a PDF file and/or a printer.
    #[command(group(clap::ArgGroup::new("dest").required(true).multiple(true).args(["out", "printer"])))]
    Slip {
        #[arg(value_name = "DOCNO")]
        doc_no: String,
        #[arg(long, value_parser = ["a4", "a5"], default_value = "a5")]
        paper: String,
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        #[command(flatten)]
        print: crate::print::PrintArgs,
    },
    /// 价值变动 (issue 21): add value (改扩建), impairment (减值, enterprise regime only) or
    /// revaluation (评估: AMOUNT is the appraised value, which becomes the net value).
    /// Depreciation goes on from the new net value over the remaining life.
    ValueChange {
        #[arg(value_name = "CODE")]
        code: String,
        #[arg(long, value_parser = ["add", "impair", "revalue"])]
        kind: String,
        #[arg(long, value_name = "AMOUNT")]
        amount: String,
        #[arg(long, value_name = "TEXT")]
        reason: String,
        #[command(flatten)]
        common: DocCommon,
    },
    /// An asset's value changes, oldest first (voided, pending and rejected ones too).
    ValueChanges {
        #[arg(value_name = "CODE")]
        code: String,
    },
}

#[derive(Args, Debug, Default)]
pub struct AssetFields {
    #[arg(long, value_name = "TEXT")]
    pub name: Option<String>,
    #[arg(long, value_name = "TEXT")]
    pub category: Option<String>,
    #[arg(long, value_name = "CODE")]
    pub code: Option<String>,
    #[arg(long, value_name = "DEPT")]
    pub dept: Option<String>,
    #[arg(long, value_name = "LOC")]
    pub location: Option<String>,
    #[arg(long, value_name = "PERSON")]
    pub custodian: Option<String>,
    /// Original value, e.g. 1600 or 1,600.00.
    #[arg(long, value_name = "AMOUNT", allow_hyphen_values = true)]
    pub value: Option<String>,
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub acquired: Option<String>,
    #[arg(long, value_name = "N")]
    pub life_years: Option<String>,
    /// 5% or 0.05.
    #[arg(long, value_name = "R", conflicts_with = "salvage")]
    pub salvage_rate: Option<String>,
    #[arg(long, value_name = "AMOUNT", allow_hyphen_values = true)]
    pub salvage: Option<String>,
    #[arg(long, value_parser = ["straight-line", "double-declining", "sum-of-years", "units-of-production"])]
    pub method: Option<String>,
    #[arg(long, value_name = "TEXT")]
    pub model: Option<String>,
    #[arg(long, value_name = "TEXT")]
    pub serial: Option<String>,
    #[arg(long, value_name = "TEXT")]
    pub notes: Option<String>,
    /// 供应商: who sold it, by its name in the supplier register (a new name is added to
    /// the register; a deactivated one is refused).
    #[arg(long, value_name = "SUPPLIER")]
    pub supplier: Option<String>,
    /// 保修截止: the last day of the warranty, or a term from --acquired ("36个月", "3年", "36m").
    #[arg(long, value_name = "YYYY-MM-DD|TERM")]
    pub warranty_until: Option<String>,
}

/// Which assets: the list's filters, shared by `asset list`, `export` and `report register`.
#[derive(Args, Debug, Default, Clone)]
pub struct AssetMatch {
    /// Words to find in code, name, model, serial, person, department or location.
    #[arg(long, value_name = "Q")]
    pub query: Option<String>,
    #[arg(long, value_name = "S")]
    pub status: Option<String>,
    #[arg(long, value_name = "DEPT")]
    pub dept: Option<String>,
    #[arg(long, value_name = "LOC")]
    pub location: Option<String>,
    #[arg(long, value_name = "TEXT")]
    pub category: Option<String>,
    #[arg(long, value_name = "PERSON")]
    pub custodian: Option<String>,
    /// A custom field's value: NAME=VALUE (equals) or NAME~VALUE (contains); repeat for more.
    #[arg(long = "field", value_name = "NAME=VALUE")]
    pub fields: Vec<String>,
}

#[derive(Args, Debug, Default, Clone)]
pub struct AssetFilters {
    #[command(flatten)]
    pub matching: AssetMatch,
    /// code, name, category, status, dept, location, custodian, acquired or value.
    #[arg(long, value_name = "COLUMN", default_value = "code")]
    pub sort: String,
    #[arg(long)]
    pub desc: bool,
    #[arg(long, value_name = "N")]
    pub limit: Option<i64>,
}

#[derive(Subcommand, Debug)]
pub enum AssetCommand {
    /// Register a new asset; prints its code.
    Add(AssetFields),
    /// List assets, filtered and sorted.
    List(AssetFilters),
    /// Show one asset card with its history.
    Show { code: String },
    /// The asset card as a printable PDF (fields, value, history), to a file and/or a printer.
    #[command(group(clap::ArgGroup::new("dest").required(true).multiple(true).args(["out", "printer"])))]
    Card {
        #[arg(id = "card_code", value_name = "CODE")]
        code: String,
        #[arg(long, value_parser = ["a4", "a5"], default_value = "a4")]
        paper: String,
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        #[command(flatten)]
        print: crate::print::PrintArgs,
    },
    /// Change descriptive fields of a card (unset flags keep their value).
    Edit {
        #[arg(id = "asset_code", value_name = "CODE")]
        code: String,
        #[command(flatten)]
        fields: AssetFields,
    },
    // Custom fields beyond the card (issue 21).
    /// 自定义字段: list or define the fields every card carries.
    #[command(subcommand)]
    Field(crate::custom_fields::FieldCommand),
    /// Set custom field values on a card: NAME=VALUE (an empty VALUE clears it).
    SetField {
        #[arg(id = "field_code", value_name = "CODE")]
        code: String,
        #[arg(value_name = "NAME=VALUE", required = true)]
        values: Vec<String>,
    },
}

#[derive(Subcommand, Debug)]
pub enum RegisterCommand {
    /// List a register: category, dept, location or person.
    List { kind: String },
    /// Add an entry (a person may get --dept).
    Add {
        kind: String,
        name: String,
        #[arg(long)]
        dept: Option<String>,
    },
    Rename { kind: String, old: String, new: String },
    Deactivate { kind: String, name: String },
    Activate { kind: String, name: String },
    /// 供应商: the supplier register (name, contact, phone, what they supply or repair).
    #[command(subcommand)]
    Supplier(crate::repairs::SupplierCommand),
    /// 类别: the category tree, the GB/T 14885 seed, a category's accounts.
    #[command(subcommand)]
    Category(crate::allocation::CategoryCommand),
    /// 部门: a department's expense account and cost centre.
    #[command(subcommand)]
    Dept(crate::allocation::DeptCommand),
}

#[derive(Subcommand, Debug)]
pub enum BackupCommand {
    /// Write a verified backup (default folder: backups/ beside the ledger).
    Create {
        #[arg(long, value_name = "DIR")]
        to: Option<PathBuf>,
        /// How many backups to keep in that folder.
        #[arg(long, default_value_t = 30)]
        keep: usize,
    },
    /// Check a backup file: checksum, integrity, and that this version can read it.
    Verify { file: PathBuf },
    /// Replace the ledger with a backup (a restore point of the current ledger is kept).
    Restore { file: PathBuf },
}

#[derive(Subcommand, Debug)]
pub enum AuditCommand {
    List {
        #[arg(long, default_value_t = 50)]
        limit: i64,
    },
    /// Check the keyed hash chain against its anchor and the newest backup, and the
    /// ledger against itself: tampering or a rollback is reported, with what differs.
    Verify,
    /// Seal the audit chain with a new key (after the key was lost); audited.
    Rekey,
}
