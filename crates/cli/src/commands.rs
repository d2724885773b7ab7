//! Runs one parsed command: most go to their own file (assets, docs, audit, backup, …);
//! setup (`init`) and the one-step import are here, each one call into crates/api.

use api::Result;
use serde_json::json;

use crate::args::{Cli, Command};
use crate::output::Output;
use crate::password;

use crate::session::data_dir;

pub fn run(cli: &Cli, out: &Output) -> Result<()> {
    match &cli.command {
        Command::Init { admin, company, regime } => {
            let dir = data_dir(cli);
            let pw = password::new(&["ASSETDESK_PASSWORD", "ASSETDESK_NEW_PASSWORD"], admin)?;
            let org = if company.trim().is_empty() { admin.clone() } else { company.clone() };
            let file = api::desk::init(&dir, &org, admin, pw, regime.as_deref())?.display().to_string();
            out.result(json!({"ledger": file, "admin": admin}), || format!("created {file} with admin {admin}"));
            Ok(())
        }
        Command::User(cmd) => crate::users::user(cli, out, cmd),
        Command::Asset(cmd) => crate::assets::asset(cli, out, cmd),
        Command::Register(cmd) => crate::assets::register(cli, out, cmd),
        Command::Audit(cmd) => crate::audit::audit(cli, out, cmd),
        Command::Backup(cmd) => crate::backup::backup(cli, out, cmd),
        Command::Doc(cmd) => crate::docs::doc(cli, out, cmd),
        Command::Export { file, filters } => crate::export::export(cli, out, file, filters),
        Command::Import { batch: Some(cmd), .. } => crate::corrections::import_batch(cli, out, cmd),
        Command::Import { batch: None, file, sheet, dry_run, skip_invalid, map, category_map } => {
            let file = file.as_deref().expect("clap requires FILE without a subcommand");
            import(cli, out, file, sheet.clone(), *dry_run, *skip_invalid, map, category_map.as_deref())
        }
        Command::Stocktake(cmd) => crate::stocktake::run(cli, out, cmd),
        // Depreciation (issue 6).
        Command::Depreciation(cmd) => crate::depreciation::depreciation(cli, out, cmd),
        Command::Label(args) => crate::labels::label(cli, out, args),
        // Standard reports (issue 9).
        Command::Report(cmd) => crate::reports::report(cli, out, cmd),
        Command::Consumable(cmd) => crate::consumables::consumable(cli, out, cmd),
        Command::Printer(cmd) => crate::printers::printer(cli, out, cmd),
        // Repairs and maintenance (issue 22).
        Command::Repair(cmd) => crate::repairs::repair(cli, out, cmd),
        Command::Maintenance(cmd) => crate::repairs::maintenance(cli, out, cmd),
        Command::Warranty(cmd) => crate::repairs::warranty(cli, out, cmd),
        Command::Settings(cmd) => crate::settings::settings(cli, out, cmd),
        Command::Hub(cmd) => crate::hub::hub(cli, out, cmd),
    }
}

#[allow(clippy::too_many_arguments)]
fn import(cli: &Cli, out: &Output, file: &std::path::Path, sheet: Option<String>, dry_run: bool, skip_invalid: bool, map: &[String], category_map: Option<&std::path::Path>) -> Result<()> {
    let mut session = crate::session::login(cli)?;
    let request = api::import::FileImport { sheet, map: map.to_vec(), category_map: category_map.map(Into::into), dry_run, skip_invalid };
    let mut bar = crate::output::ProgressBar::new(out, "import");
    let outcome = api::import::import_file(&mut session.ctx(out.lang), file, &request, &mut |done, total| {
        bar.show(done, total);
        true
    })?;
    bar.finish();
    let (result, new_registers, refused) = (&outcome.result, &outcome.new_registers, outcome.refused);
    let value = json!({
        "rows_read": result.rows_read, "imported": result.imported, "skipped": result.skipped,
        "errors": result.errors.iter().map(|e| json!({"row": e.row, "column": e.column, "message": e.message})).collect::<Vec<_>>(),
        "would_import": result.would_import, "already_present": result.already_present, "dry_run": result.dry_run,
        "new_registers": new_registers,
    });
    out.result(value, || {
        let mut lines: Vec<String> = result.errors.iter().map(|e| format!("row {} [{}]: {}", e.row, e.column, e.message)).collect();
        for (kind, names) in [("categories", &new_registers.category), ("departments", &new_registers.dept), ("locations", &new_registers.location), ("people", &new_registers.person), ("suppliers", &new_registers.supplier)] {
            if !names.is_empty() {
                lines.push(format!("new {kind}: {}", names.join(", ")));
            }
        }
        lines.push(format!(
            "{} rows read, {} imported, {} skipped ({} already in the ledger), {} errors{}",
            result.rows_read, result.imported, result.skipped, result.already_present, result.errors.len(),
            if dry_run { format!(" (dry run: {} would be imported)", result.would_import) } else { String::new() }
        ));
        lines.join("\n")
    });
    if refused {
        eprintln!("assetdesk: {} rows have errors; nothing was imported (fix them, or use --skip-invalid)", result.errors.len());
        std::process::exit(1);
    }
    Ok(())
}
