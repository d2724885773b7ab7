//! Runs one parsed command against the ledger.

use ledger::{Actor, Ledger, Result, Role, SetupInput};
use serde_json::{json, Value};

use crate::args::{AuditCommand, BackupCommand, Cli, Command, UserCommand};
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
        Command::User(cmd) => user(cli, out, cmd),
        Command::Asset(cmd) => crate::assets::asset(cli, out, cmd),
        Command::Register(cmd) => crate::assets::register(cli, out, cmd),
        Command::Audit(cmd) => audit(cli, out, cmd),
        Command::Backup(cmd) => backup(cli, out, cmd),
        Command::Doc(cmd) => crate::docs::doc(cli, out, cmd),
        Command::Export { file, filters } => crate::export::export(cli, out, file, filters),
        Command::Import { file, sheet, dry_run, skip_invalid, map } => import(cli, out, file, sheet.clone(), *dry_run, *skip_invalid, map),
        Command::Stocktake(cmd) => crate::stocktake::run(cli, out, cmd),
        // Depreciation (issue 6).
        Command::Depreciation(cmd) => crate::depreciation::depreciation(cli, out, cmd),
        Command::Label(args) => crate::labels::label(cli, out, args),
        // Standard reports (issue 9).
        Command::Report(cmd) => crate::reports::report(cli, out, cmd),
        Command::Consumable(cmd) => crate::consumables::consumable(cli, out, cmd),
        Command::Printer(cmd) => crate::printers::printer(cli, out, cmd),
        Command::Settings(cmd) => crate::settings::settings(cli, out, cmd),
    }
}

fn user(cli: &Cli, out: &Output, cmd: &UserCommand) -> Result<()> {
    let (mut ledger, actor) = open_as(cli)?;
    match cmd {
        UserCommand::Add { name, role, dept } => {
            let role = Role::parse(role)?;
            let pw = password::new(&["ASSETDESK_NEW_PASSWORD"], name)?;
            ledger.add_user(&actor, name, role, dept.as_deref(), &pw)?;
            out.result(json!({"user": name, "role": role.as_str()}), || format!("added user {name} ({})", role.as_str()));
        }
        UserCommand::Roles => {
            let matrix = ledger.role_permissions(&actor)?;
            let value: Vec<Value> = matrix
                .iter()
                .map(|(role, p, allowed, default)| json!({"role": role.as_str(), "permission": p.as_str(), "allowed": allowed, "default": default}))
                .collect();
            out.result(Value::Array(value), || {
                matrix
                    .iter()
                    .map(|(role, p, allowed, default)| format!("{}\t{}\t{}{}", role.as_str(), p.as_str(), if *allowed { "yes" } else { "no" }, if allowed != default { " (adjusted)" } else { "" }))
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        UserCommand::Grant { role, permission } | UserCommand::Revoke { role, permission } => {
            let allowed = matches!(cmd, UserCommand::Grant { .. });
            ledger.set_role_permission(&actor, Role::parse(role)?, ledger::Permission::parse(permission)?, allowed)?;
            out.result(json!({"role": role, "permission": permission, "allowed": allowed}), || format!("{role}: {permission} {}", if allowed { "allowed" } else { "forbidden" }));
        }
        UserCommand::Password { name } => {
            let pw = password::new(&["ASSETDESK_NEW_PASSWORD"], name)?;
            if name == &actor.name {
                let current = password::current(name)?;
                ledger.change_password(&actor, &current, &pw)?;
            } else {
                ledger.reset_password(&actor, name, &pw)?;
            }
            out.result(json!({"user": name}), || format!("password of {name} set"));
        }
        UserCommand::List => {
            let users = ledger.list_users(&actor)?;
            let value: Vec<Value> =
                users.iter().map(|u| json!({"name": u.name, "role": u.role.as_str(), "dept": u.dept, "active": u.active})).collect();
            out.result(Value::Array(value), || {
                users
                    .iter()
                    .map(|u| format!("{}\t{}\t{}{}", u.name, u.role.as_str(), u.dept.as_deref().unwrap_or("-"), if u.active { "" } else { "\t(inactive)" }))
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
    }
    Ok(())
}

fn audit(cli: &Cli, out: &Output, cmd: &AuditCommand) -> Result<()> {
    let (ledger, actor) = open_as(cli)?;
    match cmd {
        AuditCommand::List { limit } => {
            let entries = ledger.audit_entries(&actor, *limit)?;
            let value: Vec<Value> = entries
                .iter()
                .map(|e| json!({"id": e.id, "at": e.at, "user": e.user, "action": e.action, "target": e.target, "detail": e.detail}))
                .collect();
            out.result(Value::Array(value), || {
                entries.iter().map(|e| format!("{}\t{}\t{}\t{}\t{}\t{}", e.id, e.at, e.user, e.action, e.target, e.detail)).collect::<Vec<_>>().join("\n")
            });
        }
        AuditCommand::Verify => {
            // The audit chain against its key, anchor and newest backup, and the ledger
            // against itself (journal replay, counters).
            let problems = ledger.consistency_problems(&actor)?;
            let check = ledger.verify_audit(&actor)?;
            let ok = check.ok() && problems.is_empty();
            out.result(audit_check_json(&check, &problems, out.lang, ok), || {
                if ok {
                    return format!("audit log intact: {} entries, 审计指纹 {}; ledger consistent", check.entries, fingerprint(&check));
                }
                let mut lines: Vec<String> = check.findings.iter().map(|f| f.message(out.lang).to_string()).collect();
                lines.extend(problems.iter().cloned());
                lines.join("\n")
            });
            if !ok {
                let what = match check.status {
                    ledger::AuditStatus::Ok => None,
                    s => Some(s.as_str()),
                };
                eprintln!("assetdesk: {}", match (what, out.lang) {
                    (Some("key_missing"), ledger::Lang::En) => "cannot check the audit log: its key is missing (not ok, not tampered); an administrator may run `assetdesk audit rekey`".to_string(),
                    (Some("key_missing"), _) => "无法校验审计日志：密钥缺失（不是正常，也不是被篡改）；管理员可运行 `assetdesk audit rekey`".to_string(),
                    (Some(s), ledger::Lang::En) => format!("the audit log shows {s}: {}", check.findings.iter().map(|f| f.message(out.lang)).collect::<Vec<_>>().join("; ")),
                    (Some(s), _) => format!("审计日志异常（{s}）：{}", check.findings.iter().map(|f| f.message(out.lang)).collect::<Vec<_>>().join("；")),
                    (None, ledger::Lang::En) => format!("the ledger is inconsistent ({} problems); restore the latest backup", problems.len()),
                    (None, _) => format!("台账数据不一致（发现 {} 处问题）；请从最近的备份恢复", problems.len()),
                });
                std::process::exit(1);
            }
        }
        AuditCommand::Rekey => {
            let mut ledger = ledger;
            let check = ledger.rekey_audit(&actor)?;
            out.result(audit_check_json(&check, &[], out.lang, check.ok()), || format!("audit log re-keyed: {} entries, 审计指纹 {}", check.entries, fingerprint(&check)));
        }
    }
    Ok(())
}


fn fingerprint(check: &ledger::AuditCheck) -> String {
    check.head.as_ref().map(|h| h.fingerprint()).unwrap_or_else(|| "-".to_string())
}

fn head_json(head: &Option<ledger::AuditHead>) -> Value {
    head.as_ref().map_or(Value::Null, |h| json!({"seq": h.seq, "hash": h.hash, "at": h.at, "fingerprint": h.fingerprint()}))
}

/// `audit verify` as JSON: the contract's `ok` and `entries`, then what differs.
fn audit_check_json(check: &ledger::AuditCheck, problems: &[String], lang: ledger::Lang, ok: bool) -> Value {
    let findings: Vec<Value> =
        check.findings.iter().map(|f| json!({"kind": f.kind, "status": f.status.as_str(), "entry": f.entry, "message": f.message(lang)})).collect();
    json!({
        "ok": ok,
        "entries": check.entries,
        "status": check.status.as_str(),
        "fingerprint": fingerprint(check),
        "head": head_json(&check.head),
        "anchor": head_json(&check.anchor),
        "newest_backup": check.newest_backup.as_ref().map_or(Value::Null, |b| json!({"file": b.file.display().to_string(), "seq": b.head.seq, "hash": b.head.hash, "at": b.head.at})),
        "broken_at": check.broken_at,
        "findings": findings,
        "problems": problems,
    })
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

fn import(cli: &Cli, out: &Output, file: &std::path::Path, sheet: Option<String>, dry_run: bool, skip_invalid: bool, map: &[String]) -> Result<()> {
    let (mut ledger, actor) = open_as(cli)?;
    let lessons = map.iter().map(|m| header_lesson(m)).collect::<Result<Vec<_>>>()?;
    let mut words = ledger.import_header_words(&actor)?;
    words.extend(lessons.iter().map(|(w, m)| (w.clone(), m.clone().unwrap_or_default())));
    let options = exchange::ImportOptions { sheet, learned: exchange::LearnedHeaders::from_words(&words), ..exchange::ImportOptions::default() };
    let plan = exchange::plan_import(file, &options).map_err(ledger::Error::from)?;
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
        for (kind, names) in [("categories", &new_registers.category), ("departments", &new_registers.dept), ("locations", &new_registers.location), ("people", &new_registers.person)] {
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

fn backup(cli: &Cli, out: &Output, cmd: &BackupCommand) -> Result<()> {
    match cmd {
        BackupCommand::Verify { file } => {
            let info = ledger::verify_backup(file)?;
            out.result(
                json!({"ok": true, "file": info.file.display().to_string(), "schema": info.schema, "assets": info.assets, "documents": info.documents, "org_name": info.org_name}),
                || format!("{}: ok ({} assets, {} documents, schema {})", info.file.display(), info.assets, info.documents, info.schema),
            );
        }
        BackupCommand::Create { to, keep } => {
            let (mut ledger, actor) = open_as(cli)?;
            let file = ledger.create_backup(&actor, to.as_deref(), *keep)?;
            out.result(json!({"file": file.display().to_string()}), || file.display().to_string());
        }
        BackupCommand::Restore { file } => {
            let dir = data_dir(cli);
            // A damaged (or missing) ledger cannot be logged in to: it is replaced by the
            // verified backup and moved aside, never deleted.
            if !Ledger::exists(&dir) || Ledger::damage(&dir).is_some() {
                let aside = Ledger::restore_damaged(&dir, file)?;
                let moved = aside.as_ref().map(|p| p.display().to_string());
                out.result(json!({"restored": file.display().to_string(), "damaged_moved_to": moved}), || match &moved {
                    Some(m) => format!("restored {}; the damaged ledger is kept as {m}", file.display()),
                    None => format!("restored {} into {}", file.display(), dir.display()),
                });
                return Ok(());
            }
            let (mut ledger, actor) = open_as(cli)?;
            let point = ledger.restore_backup(&actor, file)?;
            out.result(json!({"restored": file.display().to_string(), "restore_point": point.display().to_string()}), || {
                format!("restored {}; the previous ledger is kept as {}", file.display(), point.display())
            });
        }
    }
    Ok(())
}
