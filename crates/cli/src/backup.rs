//! `assetdesk backup ...`: verify a backup file, take one, restore one (a damaged or
//! missing ledger is replaced without a login, and kept aside, never deleted).

use api::Result;
use serde_json::json;

use crate::args::{BackupCommand, Cli};
use crate::output::Output;
use crate::session::{data_dir, login};

pub fn backup(cli: &Cli, out: &Output, cmd: &BackupCommand) -> Result<()> {
    match cmd {
        BackupCommand::Verify { file } => {
            let info = api::backups::verify(file)?;
            out.result(
                json!({"ok": true, "file": info.file.display().to_string(), "schema": info.schema, "assets": info.assets, "documents": info.documents, "org_name": info.org_name}),
                || format!("{}: ok ({} assets, {} documents, schema {})", info.file.display(), info.assets, info.documents, info.schema),
            );
        }
        BackupCommand::Create { to, keep } => {
            let mut session = login(cli)?;
            let file = api::backups::create(&mut session.ctx(out.lang), to.as_deref(), *keep)?;
            out.result(json!({"file": file.display().to_string()}), || file.display().to_string());
        }
        BackupCommand::Restore { file } => {
            let dir = data_dir(cli);
            // A damaged (or missing) ledger cannot be logged in to.
            if api::backups::needs_recovery(&dir) {
                let aside = api::backups::restore_damaged(&dir, file)?;
                let moved = aside.as_ref().map(|p| p.display().to_string());
                out.result(json!({"restored": file.display().to_string(), "damaged_moved_to": moved}), || match &moved {
                    Some(m) => format!("restored {}; the damaged ledger is kept as {m}", file.display()),
                    None => format!("restored {} into {}", file.display(), dir.display()),
                });
                return Ok(());
            }
            let mut session = login(cli)?;
            let point = api::backups::restore(&mut session.ctx(out.lang), file)?;
            out.result(json!({"restored": file.display().to_string(), "restore_point": point.display().to_string()}), || {
                format!("restored {}; the previous ledger is kept as {}", file.display(), point.display())
            });
        }
    }
    Ok(())
}
