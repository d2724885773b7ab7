//! `assetdesk export`: the asset list as a spreadsheet.

use ledger::Result;
use serde_json::json;

use crate::args::{AssetFilters, Cli};
use crate::commands::open_as;
use crate::output::Output;

pub fn export(cli: &Cli, out: &Output, file: &std::path::Path, filters: &AssetFilters) -> Result<()> {
    let (mut ledger, actor) = open_as(cli)?;
    let page = ledger.list_assets(&actor, &crate::assets::list_query(filters).into_query()?)?;
    let (columns, cells) = exchange::asset_table(&page.rows, out.lang);
    let mut bar = crate::output::ProgressBar::new(out, "export");
    exchange::write_xlsx(file, if out.lang == ledger::Lang::En { "Ledger" } else { "资产台账" }, &columns, &cells, &mut |done, total| {
        bar.show(done, total);
        true
    })?;
    bar.finish();
    ledger.record_export(&actor, &file.display().to_string(), page.rows.len())?;
    out.result(json!({"file": file.display().to_string(), "rows": page.rows.len()}), || format!("wrote {} assets to {}", page.rows.len(), file.display()));
    Ok(())
}

/// Writes one table to a workbook with a progress bar and records the export (the
/// consumables group's workbooks; moved here from depreciation.rs when that was ported).
pub(crate) fn write(out: &Output, ledger: &mut ledger::Ledger, actor: &ledger::Actor, file: &std::path::Path, sheet: &str, table: (Vec<exchange::Column>, Vec<Vec<exchange::Cell>>)) -> Result<()> {
    let (columns, cells) = table;
    let mut bar = crate::output::ProgressBar::new(out, "export");
    exchange::write_xlsx(file, sheet, &columns, &cells, &mut |done, total| {
        bar.show(done, total);
        true
    })?;
    bar.finish();
    ledger.record_export(actor, &file.display().to_string(), cells.len())?;
    Ok(())
}
