//! Runs one parsed command: most go to their own file (assets, docs, audit, backup, …);
//! setup (`init`), users and the import are still here.

use ledger::{Actor, Ledger, Result, SetupInput};
use serde_json::json;

use crate::args::{Cli, Command};
use crate::output::Output;
use crate::password;

use crate::session::data_dir;

/// Opens the ledger and proves who acts, for the command groups not yet ported to the
/// api crate (the allow-list in crates/robustness/tests/thin_adapters.rs).
pub fn open_as(cli: &Cli) -> Result<(Ledger, Actor)> {
    Ok(crate::session::login(cli)?.into_parts())
}

pub fn run(cli: &Cli, out: &Output) -> Result<()> {
    match &cli.command {
        Command::Init { admin, company, regime } => {
            let dir = data_dir(cli);
            let pw = password::new(&["ASSETDESK_PASSWORD", "ASSETDESK_NEW_PASSWORD"], admin)?;
            let org = if company.trim().is_empty() { admin.clone() } else { company.clone() };
            let setup = SetupInput { org_name: org, admin_name: admin.clone(), admin_password: pw, language: None };
            let (mut ledger, first_admin) = Ledger::create(&dir, &setup)?;
            if let Some(regime) = regime {
                ledger.set_accounting_regime(&first_admin, ledger::Regime::parse(regime)?)?;
            }
            let file = Ledger::file_in(ledger.dir()).display().to_string();
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

/// `--map HEADER=FIELD` as a lesson for the importer: (folded header word, field key).
fn header_lesson(entry: &str) -> Result<(String, Option<String>)> {
    let bad = |en: String, zh: String| ledger::Error::invalid("map", en, zh);
    let (header, field) = entry.rsplit_once('=').ok_or_else(|| bad(format!("--map '{entry}' must be HEADER=FIELD"), format!("--map「{entry}」须写成 表头=字段")))?;
    let field = field.trim();
    let known = exchange::ImportField::ALL.iter().any(|f| f.as_key() == field);
    if !known && field != "ignore" {
        let keys: Vec<&str> = exchange::ImportField::ALL.iter().map(|f| f.as_key()).collect();
        return Err(bad(format!("--map '{entry}': unknown field '{field}'; use one of {} or ignore", keys.join(", ")), format!("--map「{entry}」：没有字段「{field}」；可用 {} 或 ignore", keys.join("、"))));
    }
    let word = exchange::header_key(header);
    if word.is_empty() {
        return Err(bad(format!("--map '{entry}' names no header"), format!("--map「{entry}」缺少表头")));
    }
    Ok((word, Some(field.to_string())))
}

#[allow(clippy::too_many_arguments)]
fn import(cli: &Cli, out: &Output, file: &std::path::Path, sheet: Option<String>, dry_run: bool, skip_invalid: bool, map: &[String], category_map: Option<&std::path::Path>) -> Result<()> {
    let (mut ledger, actor) = open_as(cli)?;
    let lessons = map.iter().map(|m| header_lesson(m)).collect::<Result<Vec<_>>>()?;
    let mut words = ledger.import_header_words(&actor)?;
    words.extend(lessons.iter().map(|(w, m)| (w.clone(), m.clone().unwrap_or_default())));
    let options = exchange::ImportOptions { sheet, learned: exchange::LearnedHeaders::from_words(&words), ..exchange::ImportOptions::default() };
    let mut plan = exchange::plan_import(file, &options).map_err(ledger::Error::from)?;
    if let Some(map_file) = category_map {
        let bytes = std::fs::read(map_file).map_err(|e| {
            ledger::Error::invalid("category_map", format!("cannot read the category map {}: {e}", map_file.display()), format!("无法读取类别映射表 {}：{e}", map_file.display()))
        })?;
        let map = exchange::parse_category_map(&bytes)?;
        exchange::map_categories(&ledger, &actor, &mut plan, &map)?;
    }
    // What the import creates (or, in a dry run, would): the command line is the confirmation.
    let new_registers = exchange::new_registers(&ledger, &actor, &plan)?;
    let mut bar = crate::output::ProgressBar::new(out, "import");
    let result = exchange::apply_plan(&mut ledger, &actor, &plan, out.lang, skip_invalid, dry_run, &mut |done, total| {
        bar.show(done, total);
        true
    })?;
    bar.finish();
    let refused = !result.errors.is_empty() && !skip_invalid && !dry_run;
    if !dry_run && !refused && !lessons.is_empty() {
        ledger.remember_import_headers(&actor, &lessons)?;
    }
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
