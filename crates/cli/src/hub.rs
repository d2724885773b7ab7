//! `assetdesk hub init|join|sync|status|verify`: the PostgreSQL hub (issue 24, preview),
//! through api::hub.

use api::hub::{HubInitRequestDto, HubJoinRequestDto};
use api::{Error, ErrorCode, Result};
use clap::Subcommand;
use serde_json::json;

use crate::args::Cli;
use crate::output::Output;
use crate::session::login;

#[derive(Subcommand, Debug)]
pub enum HubCommand {
    /// Create (or upgrade) the hub's schema in a PostgreSQL database; safe to run again.
    Init {
        /// postgres://USER:PASSWORD@HOST/DB or "host=… dbname=… user=…".
        #[arg(long, value_name = "URL")]
        url: String,
    },
    /// Register this desk on the hub as SITE; its document numbers get PREFIX from now on.
    Join {
        #[arg(long, value_name = "URL")]
        url: String,
        /// The site's name, e.g. 分校A.
        #[arg(long, value_name = "NAME")]
        site: String,
        /// 1–8 ASCII letters or digits (default: the site name, when it is such a code).
        #[arg(long, value_name = "CODE")]
        prefix: Option<String>,
    },
    /// Push this desk's new documents, then pull the other sites'.
    Sync,
    /// Try the conflicting documents again, e.g. after voiding the one that stood in the way.
    Retry,
    /// The membership, what waits to be pushed or pulled, and conflicts (works offline).
    Status,
    /// Check that the hub and this desk hold the same documents for every site.
    Verify,
}

pub fn hub(cli: &Cli, out: &Output, cmd: &HubCommand) -> Result<()> {
    let mut session = login(cli)?;
    let cx = &mut session.ctx(out.lang);
    let zh = out.lang == api::Lang::ZhCn;
    match cmd {
        HubCommand::Init { url } => {
            let r = api::hub::init(cx, HubInitRequestDto { url: url.clone() })?;
            out.result(json!(r), || if zh { format!("数据中心结构已就绪（版本 {}）", r.schema_version) } else { format!("hub schema ready (version {})", r.schema_version) });
        }
        HubCommand::Join { url, site, prefix } => {
            let m = api::hub::join(cx, HubJoinRequestDto { url: url.clone(), site: site.clone(), prefix: prefix.clone() })?;
            out.result(json!(m), || {
                if zh {
                    format!("已作为站点 {} 加入数据中心；本机单据编号以 {}- 开头", m.site, m.prefix)
                } else {
                    format!("joined the hub as site {}; this desk's document numbers now start with {}-", m.site, m.prefix)
                }
            });
        }
        HubCommand::Sync | HubCommand::Retry => {
            let r = if matches!(cmd, HubCommand::Sync) { api::hub::sync(cx)? } else { api::hub::retry(cx)? };
            out.result(json!(r), || {
                if zh {
                    format!("推送 {} 张，拉取 {} 张（应用 {}，冲突 {}，暂不支持 {}）", r.pushed, r.pulled, r.applied, r.conflicts, r.unsupported)
                } else {
                    format!("pushed {}, pulled {} (applied {}, conflicts {}, not yet supported {})", r.pushed, r.pulled, r.applied, r.conflicts, r.unsupported)
                }
            });
        }
        HubCommand::Status => {
            let s = api::hub::status(cx)?;
            out.result(json!(s), || {
                let Some(m) = &s.joined else {
                    return if zh { "本机未加入数据中心".into() } else { "this desk has not joined a hub".into() };
                };
                let reach = match s.reachable {
                    Some(true) => if zh { "可连接".to_string() } else { "reachable".to_string() },
                    _ => if zh { format!("无法连接：{}", s.error) } else { format!("unreachable: {}", s.error) },
                };
                let to_pull = s.to_pull.map(|n| n.to_string()).unwrap_or_else(|| "?".into());
                let mut lines = vec![if zh {
                    format!("站点 {}（前缀 {}），数据中心{reach}\n待推送 {}，待拉取 {to_pull}，冲突 {}，暂不支持 {}", m.site, m.prefix, s.to_push, s.conflicts.len(), s.unsupported)
                } else {
                    format!("site {} (prefix {}), hub {reach}\nto push {}, to pull {to_pull}, conflicts {}, not yet supported {}", m.site, m.prefix, s.to_push, s.conflicts.len(), s.unsupported)
                }];
                if let Some(no) = &s.held_back_by {
                    lines.push(if zh { format!("{no} 待审批或待确认，生效后推送") } else { format!("{no} awaits approval or confirmation; it is pushed once it takes effect") });
                }
                if !s.refused.is_empty() {
                    lines.push(if zh { "数据中心拒收的本机单据（须在本机处理）：".to_string() } else { "refused by the hub (resolve on this desk):".to_string() });
                    lines.extend(s.refused.iter().map(|r| format!("  {}: {}", r.doc_no, r.message)));
                }
                if !s.held.is_empty() {
                    lines.push(if zh { format!("因拒收暂不推送：{}", s.held.join("、")) } else { format!("waiting behind a refused document: {}", s.held.join(", ")) });
                }
                lines.extend(s.conflicts.iter().map(|c| format!("  {} {}: {}", c.doc_no, c.global_id, c.message)));
                lines.join("\n")
            });
        }
        HubCommand::Verify => {
            let v = api::hub::verify(cx)?;
            if !v.agree {
                let bad: Vec<String> = v.sites.iter().filter(|c| !c.agree).map(|c| format!("{} (hub {}, desk {})", c.site, c.hub_documents, c.desk_documents)).collect();
                return Err(Error::new(
                    ErrorCode::Conflict,
                    format!("the hub and this desk disagree for {}; run assetdesk hub sync, then verify again", bad.join(", ")),
                    format!("数据中心与本机不一致：{}；请先运行 assetdesk hub sync 再核对", bad.join("、")),
                ));
            }
            out.result(json!(v), || {
                v.sites
                    .iter()
                    .map(|c| if zh { format!("{}\t{} 张\t一致", c.site, c.hub_documents) } else { format!("{}\t{} documents\tagree", c.site, c.hub_documents) })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
    }
    Ok(())
}
