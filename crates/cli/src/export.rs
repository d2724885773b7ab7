//! `assetdesk export`: the asset list as a spreadsheet; and the one way every command's
//! `--xlsx FILE` writes its table (a progress bar on a terminal, the export recorded).

use std::path::Path;

use api::export::Table;
use api::{Ctx, ExportDto, Result};
use serde_json::json;

use crate::args::{AssetFilters, Cli};
use crate::output::Output;
use crate::session::login;

/// Writes `table` to the workbook `file` and records the export.
pub fn write_table(out: &Output, cx: &mut Ctx, file: &Path, table: &Table) -> Result<ExportDto> {
    let mut bar = crate::output::ProgressBar::new(out, "export");
    api::export::write_xlsx(table, file, &mut |done, total| {
        bar.show(done, total);
        true
    })?;
    bar.finish();
    api::export::recorded(cx, &file.display().to_string(), table.rows())
}

pub fn export(cli: &Cli, out: &Output, file: &Path, filters: &AssetFilters) -> Result<()> {
    let mut session = login(cli)?;
    let cx = &mut session.ctx(out.lang);
    let mut bar = crate::output::ProgressBar::new(out, "export");
    let written = api::assets::export(&mut |step| step(cx), crate::assets::list_query(filters)?, file, &mut |done, total| {
        bar.show(done, total);
        true
    })?;
    bar.finish();
    out.result(json!({"file": written.file, "rows": written.rows}), || format!("wrote {} assets to {}", written.rows, written.file));
    Ok(())
}

