//! From a plan to the ledger: the rows that passed the planner's checks go to
//! `Ledger::import_assets`; its refusals join the planner's in one report.

use ledger::{Actor, ImportAsset, ImportOpening, Lang, Ledger, Period};
use serde::Serialize;

use super::plan::ImportPlan;
use super::report::ErrorLine;

/// What an import did (or, in a dry run, would do). Serialises to the CLI contract
/// `{"rows_read","imported","skipped","errors":[{"row","column","message"}]}` plus detail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportResult {
    pub rows_read: usize,
    pub imported: usize,
    /// Blank, summary and repeated header rows, rows already in the ledger, and (with
    /// skip-invalid) the refused rows.
    pub skipped: usize,
    pub errors: Vec<ErrorLine>,
    /// Rows that would be imported, for a dry run's preview.
    pub would_import: usize,
    pub already_present: usize,
    pub dry_run: bool,
    /// (row, code) of the assets registered.
    pub codes: Vec<(usize, String)>,
}

/// Stores the plan's valid rows. Without `skip_invalid`, any error anywhere means
/// nothing is written and the result lists every error.
pub fn apply_plan(
    ledger: &mut Ledger,
    actor: &Actor,
    plan: &ImportPlan,
    lang: Lang,
    skip_invalid: bool,
    dry_run: bool,
    progress: ledger::ImportProgress,
) -> ledger::Result<ImportResult> {
    let rows: Vec<ImportAsset> = plan
        .rows
        .iter()
        .map(|r| ImportAsset {
            row: r.row as usize,
            input: r.asset.clone(),
            status: r.status,
            // The accumulated depreciation counted to a date is the opening balance at
            // the end of that date's month.
            opening: r
                .accumulated_depreciation
                .zip(r.opening_date)
                .map(|(accumulated, date)| ImportOpening { period: Period::of(date), accumulated }),
            custom: r.custom.clone(),
        })
        .collect();
    let planner_errors = !plan.report.errors.is_empty();
    let write = !dry_run && (skip_invalid || !planner_errors);
    let outcome = ledger.import_assets(actor, &plan.source, &rows, skip_invalid, !write, progress)?;
    let column_of = |fields: &[String]| -> String {
        fields
            .first()
            .and_then(|f| plan.columns.iter().find(|c| c.field.map(|x| x.as_key() == f.as_str()).unwrap_or(false) || c.custom.as_deref() == Some(f.as_str())))
            .map(|c| c.header.clone())
            .or_else(|| fields.first().cloned())
            .unwrap_or_default()
    };
    let mut errors: Vec<ErrorLine> = plan.report.summary(lang).errors;
    errors.extend(outcome.errors.iter().map(|(row, e)| ErrorLine { row: *row as u32, column: column_of(&e.fields), message: e.message(lang).to_string() }));
    errors.sort_by_key(|e| e.row);
    let refused_rows = {
        let mut rows: Vec<u32> = errors.iter().map(|e| e.row).collect();
        rows.dedup();
        rows.len()
    };
    let written = write && (skip_invalid || outcome.errors.is_empty());
    let imported = if written { outcome.imported.len() } else { 0 };
    Ok(ImportResult {
        rows_read: plan.report.rows_read,
        imported,
        skipped: plan.report.skipped + outcome.already_present.len() + if skip_invalid && written { refused_rows } else { 0 },
        errors,
        would_import: outcome.imported.len(),
        already_present: outcome.already_present.len(),
        dry_run,
        codes: if written { outcome.imported } else { Vec::new() },
    })
}

/// The categories, departments, locations, people and suppliers the plan's rows name that
/// the ledger does not have yet: importing creates them, so the clerk confirms them first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct NewRegisters {
    pub category: Vec<String>,
    pub dept: Vec<String>,
    pub location: Vec<String>,
    pub person: Vec<String>,
    pub supplier: Vec<String>,
}

impl NewRegisters {
    pub fn is_empty(&self) -> bool {
        self.category.is_empty() && self.dept.is_empty() && self.location.is_empty() && self.person.is_empty() && self.supplier.is_empty()
    }
    pub fn count(&self) -> usize {
        self.category.len() + self.dept.len() + self.location.len() + self.person.len() + self.supplier.len()
    }
}

pub fn new_registers(ledger: &Ledger, actor: &Actor, plan: &ImportPlan) -> ledger::Result<NewRegisters> {
    use ledger::RegisterKind as K;
    let names = |pick: fn(&ledger::AssetInput) -> &str, kind: K| ledger.new_register_names(actor, kind, plan.rows.iter().map(|r| pick(&r.asset)));
    Ok(NewRegisters {
        category: names(|a| &a.category, K::Category)?,
        dept: names(|a| &a.dept, K::Department)?,
        location: names(|a| &a.location, K::Location)?,
        person: names(|a| &a.custodian, K::Person)?,
        supplier: ledger.new_supplier_names(actor, plan.rows.iter().map(|r| r.asset.supplier.as_str()))?,
    })
}
