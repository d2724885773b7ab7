//! `assetdesk audit ...`: the audit log, its verification (the keyed chain against its
//! anchor and newest backup, and the ledger against itself) and re-keying.

use api::audit::AuditCheckDto;
use api::{Lang, Result};
use serde_json::{json, Value};

use crate::args::{AuditCommand, Cli};
use crate::output::Output;
use crate::session::login;

pub fn audit(cli: &Cli, out: &Output, cmd: &AuditCommand) -> Result<()> {
    let mut session = login(cli)?;
    let cx = &mut session.ctx(out.lang);
    match cmd {
        AuditCommand::List { limit } => {
            let entries = api::audit::entries(cx, *limit)?;
            let value: Vec<Value> = entries
                .iter()
                .map(|e| json!({"id": e.id, "at": e.at, "user": e.user, "action": e.action, "target": e.target, "detail": e.detail}))
                .collect();
            out.result(Value::Array(value), || {
                entries.iter().map(|e| format!("{}\t{}\t{}\t{}\t{}\t{}", e.id, e.at, e.user, e.action, e.target, e.detail)).collect::<Vec<_>>().join("\n")
            });
        }
        AuditCommand::Verify => {
            let check = api::audit::verify(cx)?;
            out.result(check_json(&check), || {
                if check.ok {
                    return format!("audit log intact: {} entries, 审计指纹 {}; ledger consistent", check.entries, check.fingerprint);
                }
                let mut lines: Vec<String> = check.findings.iter().map(|f| f.message.clone()).collect();
                lines.extend(check.problems.iter().cloned());
                lines.join("\n")
            });
            if !check.ok {
                eprintln!("assetdesk: {}", not_ok(&check, out.lang));
                std::process::exit(1);
            }
        }
        AuditCommand::Rekey => {
            let check = api::audit::rekey(cx)?;
            out.result(check_json(&check), || format!("audit log re-keyed: {} entries, 审计指纹 {}", check.entries, check.fingerprint));
        }
    }
    Ok(())
}

/// `audit verify` as JSON: the contract's `ok` and `entries`, then what differs.
fn check_json(check: &AuditCheckDto) -> Value {
    serde_json::to_value(check).expect("an audit check is JSON")
}

/// The one line on stderr when the check fails: what the chain shows, or that the
/// ledger disagrees with itself.
fn not_ok(check: &AuditCheckDto, lang: Lang) -> String {
    let findings = |sep: &str| check.findings.iter().map(|f| f.message.as_str()).collect::<Vec<_>>().join(sep);
    match (check.status, lang) {
        ("key_missing", Lang::En) => "cannot check the audit log: its key is missing (not ok, not tampered); an administrator may run `assetdesk audit rekey`".to_string(),
        ("key_missing", _) => "无法校验审计日志：密钥缺失（不是正常，也不是被篡改）；管理员可运行 `assetdesk audit rekey`".to_string(),
        ("ok", Lang::En) => format!("the ledger is inconsistent ({} problems); restore the latest backup", check.problems.len()),
        ("ok", _) => format!("台账数据不一致（发现 {} 处问题）；请从最近的备份恢复", check.problems.len()),
        (s, Lang::En) => format!("the audit log shows {s}: {}", findings("; ")),
        (s, _) => format!("审计日志异常（{s}）：{}", findings("；")),
    }
}
