//! Registers, users and the organisation's shared settings kept together through a hub
//! (issue 24; the rules are docs/hub.md, "Registers"). Entries travel by name (ids are
//! per desk) as their whole state: a desk pushes the entries whose name or state differ
//! from what last went to or came from the hub (`hub_register_synced`), and applies the
//! other sites' changes in the hub's order, each whole or not at all. The hub's order
//! decides: of two changes of one entry the later on the hub stands on every desk; an
//! entry a desk made on its own that the hub already has takes the hub's state.

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::auth::{Actor, Permission, Role};
use crate::error::{Error, Result};
use crate::ledger::Ledger;
use crate::registers::{self, RegisterKind};
use crate::{audit, db, settings};

/// The next register pull starts after this hub order number.
const REGISTERS_PULLED: &str = "hub.registers_pulled_up_to";

/// Settings every desk of one organisation shares. The rest stay the desk's own: its
/// backups, screen lock and language, its hub membership, the ledger's identity.
fn shared_settings() -> Vec<String> {
    let mut keys: Vec<String> = [
        settings::ORG_NAME,
        settings::ASSET_CODE_RULE,
        crate::codes::DOC_NUMBER_RULE_KEY,
        crate::parameters::DEFAULT_SALVAGE_RATE,
        "transfer_confirmation",
        "reminder_days",
        crate::accounting::REGIME_KEY,
        "accounting.expense_account",
        "accounting.depreciation_account",
        "accounting.asset_account",
    ]
    .iter()
    .map(|k| k.to_string())
    .collect();
    keys.extend(crate::approvals::APPROVABLE.iter().map(|k| crate::approvals::setting_key(*k)));
    keys
}

/// The kinds, in the order a push sends them (departments before the people and users
/// that name them).
pub const HUB_REGISTER_KINDS: [&str; 7] = ["dept", "location", "category", "person", "user", "setting", "role"];

/// One change of one entry as it travels: its name after the change, the name it had
/// before when it was renamed, and its whole state (JSON).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HubRegisterChange {
    pub kind: String,
    pub name: String,
    #[serde(default)]
    pub renamed_from: String,
    pub state: String,
}

/// An entry this desk has to push.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HubRegisterOutgoing {
    pub change: HubRegisterChange,
    pub local_key: String,
    /// Never synced before: made here since joining, or here before joining. When the hub
    /// already has the name, the hub's entry wins and this one takes its state.
    pub first: bool,
}

/// A pulled change from the hub, with its place in the hub's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HubRegisterPulled {
    pub seq: i64,
    pub site: String,
    pub change: HubRegisterChange,
}

/// A row of `hub_register_notes`: a pull that decided against someone, or refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HubRegisterNote {
    pub hub_seq: i64,
    pub site: String,
    pub kind: String,
    pub name: String,
    /// replaced | superseded | merged | conflict
    pub outcome: String,
    pub message: String,
}

/// What applying a batch of register changes did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RegisterApplied {
    pub applied: usize,
    pub notes: usize,
    pub conflicts: usize,
}

struct Entry {
    kind: &'static str,
    local_key: String,
    name: String,
    state: String,
}

fn rows<T>(conn: &Connection, sql: &str, only_id: Option<i64>, f: impl FnMut(&rusqlite::Row) -> rusqlite::Result<T>) -> Result<Vec<T>> {
    let mut stmt = conn.prepare(sql)?;
    let out = stmt.query_map([only_id], f)?.collect::<rusqlite::Result<_>>()?;
    Ok(out)
}

const DEPT_SQL: &str = "SELECT d.id, d.name, d.active, COALESCE(a.expense_account, ''), COALESCE(a.cost_centre, '') FROM departments d LEFT JOIN department_accounts a ON a.dept_id = d.id";
const LOCATION_SQL: &str = "SELECT id, name, active FROM locations";
const PERSON_SQL: &str = "SELECT p.id, p.name, p.active, COALESCE(d.name, '') FROM people p LEFT JOIN departments d ON d.id = p.dept_id";
const USER_SQL: &str = "SELECT u.id, u.name, u.role, COALESCE(d.name, ''), u.password_hash, u.active FROM users u LEFT JOIN departments d ON d.id = u.dept_id";
const CATEGORY_SQL: &str = "SELECT c.id, c.name, c.active, COALESCE(p.name, ''), t.class_code, ca.asset_account, ca.depreciation_account, \
     cd.method, cd.life_months, cd.salvage_rate, ml.min_life_months, td.method, td.life_months \
     FROM categories c LEFT JOIN category_tree t ON t.category_id = c.id LEFT JOIN categories p ON p.id = t.parent_id \
     LEFT JOIN category_accounts ca ON ca.category_id = c.id LEFT JOIN category_depreciation cd ON cd.category_id = c.id \
     LEFT JOIN category_min_life ml ON ml.category_id = c.id LEFT JOIN category_tax_depreciation td ON td.category_id = c.id";

/// Every entry of `kind` as it stands here (`only`: the one with that local key).
fn snapshot_kind(conn: &Connection, kind: &'static str, only: Option<&str>) -> Result<Vec<Entry>> {
    // ?1: the one entry's id, or NULL for all of them.
    let only_id: Option<i64> = only.map(|key| key.parse::<i64>().unwrap_or(-1));
    let by_id = |select: &str, alias: &str| format!("{select} WHERE (?1 IS NULL OR {alias}.id = ?1) ORDER BY {alias}.id");
    let entry = |local_key: i64, name: String, state: Value| Entry { kind, local_key: local_key.to_string(), name, state: state.to_string() };
    Ok(match kind {
        "dept" => rows(conn, &by_id(DEPT_SQL, "d"), only_id, |r| {
            Ok(entry(r.get(0)?, r.get(1)?, json!({"active": r.get::<_, bool>(2)?, "expense_account": r.get::<_, String>(3)?, "cost_centre": r.get::<_, String>(4)?})))
        })?,
        "location" => rows(conn, &by_id(LOCATION_SQL, "locations"), only_id, |r| Ok(entry(r.get(0)?, r.get(1)?, json!({"active": r.get::<_, bool>(2)?}))))?,
        "person" => rows(conn, &by_id(PERSON_SQL, "p"), only_id, |r| Ok(entry(r.get(0)?, r.get(1)?, json!({"active": r.get::<_, bool>(2)?, "dept": r.get::<_, String>(3)?}))))?,
        // The password travels as its argon2 hash only, never as text.
        "user" => rows(conn, &by_id(USER_SQL, "u"), only_id, |r| {
            Ok(entry(
                r.get(0)?,
                r.get(1)?,
                json!({"role": r.get::<_, String>(2)?, "dept": r.get::<_, String>(3)?, "password_hash": r.get::<_, String>(4)?, "active": r.get::<_, bool>(5)?}),
            ))
        })?,
        "category" => rows(conn, &by_id(CATEGORY_SQL, "c"), only_id, |r| {
            let accounts = match (r.get::<_, Option<String>>(5)?, r.get::<_, Option<String>>(6)?) {
                (Some(a), Some(d)) => json!({"asset": a, "depreciation": d}),
                _ => Value::Null,
            };
            let depreciation = match r.get::<_, Option<String>>(7)? {
                Some(method) => json!({"method": method, "life_months": r.get::<_, Option<i64>>(8)?, "salvage_rate": r.get::<_, Option<String>>(9)?}),
                None => Value::Null,
            };
            let tax = match r.get::<_, Option<String>>(11)? {
                Some(method) => json!({"method": method, "life_months": r.get::<_, Option<i64>>(12)?}),
                None => Value::Null,
            };
            Ok(entry(
                r.get(0)?,
                r.get(1)?,
                json!({"active": r.get::<_, bool>(2)?, "parent": r.get::<_, String>(3)?, "class_code": r.get::<_, Option<String>>(4)?, "accounts": accounts,
                       "depreciation": depreciation, "min_life_months": r.get::<_, Option<i64>>(10)?, "tax": tax}),
            ))
        })?,
        "setting" => {
            let mut out = Vec::new();
            for key in shared_settings() {
                if only.is_some_and(|k| k != key) {
                    continue;
                }
                if let Some(value) = settings::get(conn, &key)? {
                    out.push(Entry { kind, local_key: key.clone(), name: key, state: json!({"value": value}).to_string() });
                }
            }
            out
        }
        "role" => {
            let mut out = Vec::new();
            for role in [Role::Power, Role::Normal] {
                if only.is_some_and(|k| k != role.as_str()) {
                    continue;
                }
                let mut stmt = conn.prepare("SELECT permission, allowed FROM role_permissions WHERE role = ?1 ORDER BY permission")?;
                let perms: Vec<(String, bool)> = stmt.query_map([role.as_str()], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
                out.push(Entry { kind, local_key: role.as_str().into(), name: role.as_str().into(), state: json!({"permissions": perms}).to_string() });
            }
            out
        }
        _ => Vec::new(),
    })
}

struct Synced {
    name: String,
    state: String,
    hub_seq: i64,
    hub_site: String,
}

fn synced(conn: &Connection, kind: &str, local_key: &str) -> Result<Option<Synced>> {
    Ok(conn
        .query_row("SELECT name, state, hub_seq, hub_site FROM hub_register_synced WHERE kind = ?1 AND local_key = ?2", params![kind, local_key], |r| {
            Ok(Synced { name: r.get(0)?, state: r.get(1)?, hub_seq: r.get(2)?, hub_site: r.get(3)? })
        })
        .optional()?)
}

fn mark_synced(tx: &Transaction, kind: &str, local_key: &str, name: &str, state: &str, seq: i64, site: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO hub_register_synced(kind, local_key, name, state, hub_seq, hub_site) VALUES (?1, ?2, ?3, ?4, ?5, ?6) \
         ON CONFLICT(kind, local_key) DO UPDATE SET name = excluded.name, state = excluded.state, hub_seq = excluded.hub_seq, hub_site = excluded.hub_site",
        params![kind, local_key, name, state, seq, site],
    )?;
    Ok(())
}

fn register_kind(kind: &str) -> Option<RegisterKind> {
    match kind {
        "dept" => Some(RegisterKind::Department),
        "location" => Some(RegisterKind::Location),
        "category" => Some(RegisterKind::Category),
        "person" => Some(RegisterKind::Person),
        _ => None,
    }
}

/// The local key of the entry of `kind` named `name`, if this desk has one.
fn local_key_of(conn: &Connection, kind: &str, name: &str) -> Result<Option<String>> {
    Ok(match kind {
        "user" => conn.query_row("SELECT id FROM users WHERE name = ?1", [name], |r| r.get::<_, i64>(0)).optional()?.map(|id| id.to_string()),
        "setting" => shared_settings().contains(&name.to_string()).then(|| name.to_string()).filter(|k| settings::get(conn, k).ok().flatten().is_some()),
        "role" => matches!(name, "power" | "normal").then(|| name.to_string()),
        k => match register_kind(k) {
            Some(rk) => registers::find(conn, rk, name)?.map(|(id, _)| id.to_string()),
            None => None,
        },
    })
}

fn refused(kind: &str, name: &str, en: &str, zh: &str) -> Error {
    let q = crate::error::quoted(name);
    Error::invalid("register", format!("{kind} '{q}' from the hub: {en}"), format!("数据中心的{kind}「{q}」：{zh}"))
}

fn field<'a>(state: &'a Value, key: &str) -> &'a Value {
    state.get(key).unwrap_or(&Value::Null)
}

fn text(state: &Value, key: &str) -> String {
    field(state, key).as_str().unwrap_or_default().to_string()
}

fn active(state: &Value) -> bool {
    field(state, "active").as_bool().unwrap_or(true)
}

/// The id of register entry `name`, created bare when this desk lacks it (its own change
/// on the hub fills it in when it comes).
fn ensure(tx: &Transaction, kind: RegisterKind, name: &str) -> Result<Option<i64>> {
    if name.is_empty() {
        return Ok(None);
    }
    if let Some((id, _)) = registers::find(tx, kind, name)? {
        return Ok(Some(id));
    }
    let name = registers::validate_name(kind, name)?;
    tx.execute(&format!("INSERT INTO {table}(name) VALUES (?1)", table = kind.table()), [&name])?;
    Ok(Some(tx.last_insert_rowid()))
}

/// Writes the pulled state onto entry `local` (None: creates it); returns its local key.
fn write(tx: &Transaction, local: Option<&str>, c: &HubRegisterChange) -> Result<String> {
    let state: Value = serde_json::from_str(&c.state).map_err(|e| refused(&c.kind, &c.name, &format!("unreadable ({e})"), &format!("无法读取（{e}）")))?;
    let id = local.and_then(|k| k.parse::<i64>().ok());
    match c.kind.as_str() {
        "setting" => {
            if !shared_settings().contains(&c.name) {
                return Err(refused("setting", &c.name, "not a setting desks share", "不是各站点共用的设置"));
            }
            let value = text(&state, "value");
            if c.name == settings::ASSET_CODE_RULE {
                crate::codes::CodeRule::parse(&value)?;
            }
            settings::put(tx, &c.name, &value)?;
            Ok(c.name.clone())
        }
        "role" => {
            let role = Role::parse(&c.name)?;
            if role == Role::Admin {
                return Err(refused("role", &c.name, "the administrator's permissions are fixed", "管理员的权限不能调整"));
            }
            tx.execute("DELETE FROM role_permissions WHERE role = ?1", [role.as_str()])?;
            for pair in field(&state, "permissions").as_array().into_iter().flatten() {
                let (Some(p), Some(allowed)) = (pair.get(0).and_then(Value::as_str), pair.get(1).and_then(Value::as_bool)) else { continue };
                let p = Permission::parse(p)?;
                tx.execute("INSERT INTO role_permissions(role, permission, allowed) VALUES (?1, ?2, ?3)", params![role.as_str(), p.as_str(), allowed])?;
            }
            Ok(c.name.clone())
        }
        "user" => {
            let role = Role::parse(&text(&state, "role"))?;
            let hash = text(&state, "password_hash");
            if argon2::password_hash::PasswordHash::new(&hash).is_err() {
                return Err(refused("user", &c.name, "carries no valid password hash", "缺少有效的密码摘要"));
            }
            let name = c.name.trim();
            if name.is_empty() || name.chars().count() > 32 {
                return Err(refused("user", &c.name, "user name must be 1 to 32 characters", "用户名须为 1 到 32 个字符"));
            }
            let dept = ensure(tx, RegisterKind::Department, &text(&state, "dept"))?;
            if role == Role::Normal && dept.is_none() {
                return Err(refused("user", &c.name, "a normal user needs a department", "普通用户必须指定部门"));
            }
            let id = match id {
                Some(id) => {
                    tx.execute(
                        "UPDATE users SET name = ?1, role = ?2, dept_id = ?3, password_hash = ?4, active = ?5 WHERE id = ?6",
                        params![name, role.as_str(), dept, hash, active(&state), id],
                    )?;
                    id
                }
                None => {
                    tx.execute(
                        "INSERT INTO users(name, role, dept_id, password_hash, active, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                        params![name, role.as_str(), dept, hash, active(&state), db::now()],
                    )?;
                    tx.last_insert_rowid()
                }
            };
            Ok(id.to_string())
        }
        kind => {
            let rk = register_kind(kind).ok_or_else(|| refused(kind, &c.name, "a kind of entry this version does not know", "本版本不认识的类型"))?;
            let name = registers::validate_name(rk, &c.name)?;
            let id = match id {
                Some(id) => {
                    let old: String = tx.query_row(&format!("SELECT name FROM {table} WHERE id = ?1", table = rk.table()), [id], |r| r.get(0))?;
                    tx.execute(&format!("UPDATE {table} SET name = ?1, active = ?2 WHERE id = ?3", table = rk.table()), params![name, active(&state), id])?;
                    if old != name {
                        crate::assets::refresh_search_text_for(tx, rk, id)?;
                    }
                    id
                }
                None => {
                    tx.execute(&format!("INSERT INTO {table}(name, active) VALUES (?1, ?2)", table = rk.table()), params![name, active(&state)])?;
                    tx.last_insert_rowid()
                }
            };
            match rk {
                RegisterKind::Department => {
                    let (expense, centre) = (text(&state, "expense_account"), text(&state, "cost_centre"));
                    tx.execute("DELETE FROM department_accounts WHERE dept_id = ?1", [id])?;
                    if !expense.is_empty() || !centre.is_empty() {
                        tx.execute("INSERT INTO department_accounts(dept_id, expense_account, cost_centre) VALUES (?1, ?2, ?3)", params![id, expense, centre])?;
                    }
                }
                RegisterKind::Person => {
                    let dept = ensure(tx, RegisterKind::Department, &text(&state, "dept"))?;
                    tx.execute("UPDATE people SET dept_id = ?1 WHERE id = ?2", params![dept, id])?;
                }
                RegisterKind::Category => write_category(tx, id, &c.name, &state)?,
                RegisterKind::Location => {}
            }
            Ok(id.to_string())
        }
    }
}

fn write_category(tx: &Transaction, id: i64, name: &str, state: &Value) -> Result<()> {
    let parent = ensure(tx, RegisterKind::Category, &text(state, "parent"))?;
    if let Some(p) = parent {
        crate::category_tree::refuse_cycle(tx, id, p)?;
    }
    let class_code = field(state, "class_code").as_str().map(str::to_string);
    if let Some(code) = &class_code {
        let holder: Option<String> = tx
            .query_row("SELECT c.name FROM category_tree t JOIN categories c ON c.id = t.category_id WHERE t.class_code = ?1 AND t.category_id <> ?2", params![code, id], |r| r.get(0))
            .optional()?;
        if let Some(holder) = holder {
            return Err(refused("category", name, &format!("class code {code} is category '{holder}' here"), &format!("分类代码 {code} 在本机属于类别「{holder}」")));
        }
    }
    tx.execute("DELETE FROM category_tree WHERE category_id = ?1", [id])?;
    if parent.is_some() || class_code.is_some() {
        tx.execute("INSERT INTO category_tree(category_id, parent_id, class_code) VALUES (?1, ?2, ?3)", params![id, parent, class_code])?;
    }
    tx.execute("DELETE FROM category_accounts WHERE category_id = ?1", [id])?;
    let accounts = field(state, "accounts");
    if !accounts.is_null() {
        tx.execute("INSERT INTO category_accounts(category_id, asset_account, depreciation_account) VALUES (?1, ?2, ?3)", params![id, text(accounts, "asset"), text(accounts, "depreciation")])?;
    }
    tx.execute("DELETE FROM category_depreciation WHERE category_id = ?1", [id])?;
    let dep = field(state, "depreciation");
    if !dep.is_null() {
        tx.execute(
            "INSERT INTO category_depreciation(category_id, method, life_months, salvage_rate) VALUES (?1, ?2, ?3, ?4)",
            params![id, text(dep, "method"), field(dep, "life_months").as_i64(), field(dep, "salvage_rate").as_str().unwrap_or("0")],
        )?;
    }
    tx.execute("DELETE FROM category_min_life WHERE category_id = ?1", [id])?;
    if let Some(months) = field(state, "min_life_months").as_i64() {
        tx.execute("INSERT INTO category_min_life(category_id, min_life_months) VALUES (?1, ?2)", params![id, months])?;
    }
    tx.execute("DELETE FROM category_tax_depreciation WHERE category_id = ?1", [id])?;
    let tax = field(state, "tax");
    if !tax.is_null() {
        let method = text(tax, "method");
        if !["straight-line", "double-declining", "sum-of-years", "one-time"].contains(&method.as_str()) {
            return Err(refused("category", name, &format!("unknown tax method {method}"), &format!("未知的税务折旧方法 {method}")));
        }
        tx.execute("INSERT INTO category_tax_depreciation(category_id, method, life_months) VALUES (?1, ?2, ?3)", params![id, method, field(tax, "life_months").as_i64()])?;
    }
    Ok(())
}

fn note(tx: &Transaction, p: &HubRegisterPulled, outcome: &str, message: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO hub_register_notes(hub_seq, site, kind, name, outcome, message, noted_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![p.seq, p.site, p.change.kind, p.change.name, outcome, message, db::now()],
    )?;
    Ok(())
}

/// Applies one pulled change (inside the caller's savepoint); Ok(true) when it left a note.
fn apply_one(tx: &Transaction, actor: &Actor, me: &str, p: &HubRegisterPulled) -> Result<bool> {
    let c = &p.change;
    let mut local = local_key_of(tx, &c.kind, &c.name)?;
    if local.is_none() && !c.renamed_from.is_empty() {
        local = local_key_of(tx, &c.kind, &c.renamed_from)?;
    }
    let kind: &'static str = HUB_REGISTER_KINDS.iter().find(|k| **k == c.kind).copied().unwrap_or("");
    let before = match &local {
        Some(key) => snapshot_kind(tx, kind, Some(key))?.pop(),
        None => None,
    };
    let last = match &local {
        Some(key) => synced(tx, &c.kind, key)?,
        None => None,
    };
    let q = crate::error::quoted(&c.name);
    if let Some(last) = &last {
        if last.hub_seq == p.seq {
            return Ok(false);
        }
        // Later on the hub already (this desk's own change, pushed after this one): it stands.
        if last.hub_seq > p.seq {
            let message = format!(
                "{site} 对「{q}」的修改（数据中心第 {seq} 号）早于第 {mine} 号，以后者为准 / {site}'s change of '{q}' (hub #{seq}) came before #{mine}, which stands",
                site = p.site,
                seq = p.seq,
                mine = last.hub_seq
            );
            note(tx, p, "superseded", &message)?;
            return Ok(true);
        }
    }
    let key = write(tx, local.as_deref(), c)?;
    let after = snapshot_kind(tx, kind, Some(&key))?.pop().ok_or_else(|| refused(&c.kind, &c.name, "was not written", "未能写入"))?;
    mark_synced(tx, kind, &key, &after.name, &after.state, p.seq, &p.site)?;
    audit::record(tx, &actor.name, "hub_register", &format!("{}:{}", c.kind, c.name), &format!("{} #{}", p.site, p.seq))?;
    let changed = before.as_ref().is_some_and(|b| b.state != after.state || b.name != after.name);
    let noted = match (&last, changed) {
        (Some(last), true) if last.hub_site == me && last.state != after.state => {
            let message = format!(
                "本机对「{q}」的修改被 {site} 之后的修改（数据中心第 {seq} 号）取代 / this desk's change of '{q}' was replaced by {site}'s later one (hub #{seq})",
                site = p.site,
                seq = p.seq
            );
            note(tx, p, "replaced", &message)?;
            true
        }
        (None, true) => {
            let (site, seq) = (&p.site, p.seq);
            let zh = format!("本机自建的「{q}」与数据中心已有的同名条目合并，采用数据中心的内容（{site}，第 {seq} 号）");
            let en = format!("this desk's own '{q}' met the hub's entry of that name and took its state ({site}, hub #{seq})");
            // Both languages in one note, as the hub's other notes are kept (zh / en).
            let message = format!("{zh} / {en}");
            note(tx, p, "merged", &message)?;
            true
        }
        _ => false,
    };
    Ok(noted)
}

impl Ledger {
    /// The entries this desk has to push, kind by kind in [`HUB_REGISTER_KINDS`] order:
    /// new since the last sync, renamed or changed.
    pub fn hub_register_outbox(&self) -> Result<Vec<HubRegisterOutgoing>> {
        let mut out = Vec::new();
        for kind in HUB_REGISTER_KINDS {
            for e in snapshot_kind(&self.conn, kind, None)? {
                let last = synced(&self.conn, e.kind, &e.local_key)?;
                let (first, renamed_from) = match last {
                    None => (true, String::new()),
                    Some(s) if s.name == e.name && s.state == e.state => continue,
                    Some(s) => (false, if s.name != e.name { s.name } else { String::new() }),
                };
                out.push(HubRegisterOutgoing { change: HubRegisterChange { kind: e.kind.into(), name: e.name, renamed_from, state: e.state }, local_key: e.local_key, first });
            }
        }
        Ok(out)
    }

    /// Remembers what the hub now holds of this desk's entries: (entry, its hub seq).
    pub fn mark_hub_registers_pushed(&mut self, pushed: &[(HubRegisterOutgoing, i64)]) -> Result<()> {
        if pushed.is_empty() {
            return Ok(());
        }
        let me = self.hub_membership()?.map(|m| m.site).unwrap_or_default();
        let tx = db::begin(&mut self.conn)?;
        for (o, seq) in pushed {
            mark_synced(&tx, &o.change.kind, &o.local_key, &o.change.name, &o.change.state, *seq, &me)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The hub order number the next register pull starts after.
    pub fn hub_register_cursor(&self) -> Result<i64> {
        Ok(settings::get(&self.conn, REGISTERS_PULLED)?.and_then(|v| v.parse().ok()).unwrap_or(0))
    }

    /// Applies other sites' register changes in the hub's order, in one transaction with
    /// the cursor (`cursor`: where the next pull starts; None for entries taken from the
    /// hub at push time, which move no cursor). Each change is whole or not at all: one
    /// this desk's rules refuse is rolled back and noted as a conflict, and the rest go on.
    pub fn apply_hub_registers(&mut self, actor: &Actor, batch: &[HubRegisterPulled], cursor: Option<i64>) -> Result<RegisterApplied> {
        actor.require(Permission::ManageSettings)?;
        let me = self.hub_membership()?.map(|m| m.site).unwrap_or_default();
        let mut report = RegisterApplied::default();
        let tx = db::begin(&mut self.conn)?;
        for p in batch {
            tx.execute_batch("SAVEPOINT hub_register")?;
            match apply_one(&tx, actor, &me, p) {
                Ok(noted) => {
                    tx.execute_batch("RELEASE hub_register")?;
                    report.applied += 1;
                    report.notes += noted as usize;
                }
                Err(e) if matches!(e.code, crate::ErrorCode::Conflict | crate::ErrorCode::InvalidInput | crate::ErrorCode::NotFound | crate::ErrorCode::Forbidden) => {
                    tx.execute_batch("ROLLBACK TO hub_register; RELEASE hub_register")?;
                    note(&tx, p, "conflict", &format!("{} / {}", e.message(crate::Lang::ZhCn), e.message(crate::Lang::En)))?;
                    report.conflicts += 1;
                }
                Err(e) => return Err(e),
            }
        }
        if let Some(cursor) = cursor {
            settings::put(&tx, REGISTERS_PULLED, &cursor.to_string())?;
        }
        tx.commit()?;
        Ok(report)
    }

    /// The register notes (replaced, superseded, merged, conflict), newest first.
    pub fn hub_register_notes(&self) -> Result<Vec<HubRegisterNote>> {
        let mut stmt = self.conn.prepare("SELECT hub_seq, site, kind, name, outcome, message FROM hub_register_notes ORDER BY id DESC")?;
        let rows = stmt
            .query_map([], |r| Ok(HubRegisterNote { hub_seq: r.get(0)?, site: r.get(1)?, kind: r.get(2)?, name: r.get(3)?, outcome: r.get(4)?, message: r.get(5)? }))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }
}
