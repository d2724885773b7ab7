//! Categories as a tree (issue 21): a category may sit under a parent (the GB/T 14885
//! classes on top, the clerk's own below). The tree is kept whole here: no cycles, no
//! active child under a deactivated parent, a parent that exists. The seed of the
//! standard's classes is `data/gbt14885_2022.tsv`.

use std::collections::HashMap;

/// SQL over `up(id, depth)`: the category `$start` selects (depth 0) and its ancestors,
/// nearest first. The one walk every inherited setting takes (depreciation defaults,
/// minimum life); `$query` reads from `up`.
macro_rules! with_category_ancestors {
    ($start:literal, $query:literal) => {
        concat!(
            "WITH RECURSIVE up(id, depth) AS (",
            $start,
            " UNION ALL SELECT t.parent_id, up.depth + 1 FROM up JOIN category_tree t ON t.category_id = up.id \
               WHERE t.parent_id IS NOT NULL AND up.depth < 64) ",
            $query
        )
    };
}
pub(crate) use with_category_ancestors;

use rusqlite::{params, Connection, OptionalExtension, Transaction};

use crate::audit;
use crate::auth::{Actor, Permission};
use crate::error::{quoted, Error, Result};
use crate::ledger::Ledger;
use crate::registers::{self, RegisterKind};

/// The one seed file: the standard's classes, their parents and minimum lives.
const GBT14885_2022: &str = include_str!("../data/gbt14885_2022.tsv");

/// The seeds `seed_categories` knows, by the word the CLI and app use.
pub const SEEDS: [&str; 1] = ["gbt14885"];

/// One category in tree order (a parent before its children; siblings by class code, then name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryNode {
    pub name: String,
    /// The standard's class code of a seeded category.
    pub class_code: Option<String>,
    pub parent: Option<String>,
    /// 0 for a top category.
    pub depth: usize,
    pub active: bool,
    pub asset_count: i64,
    /// Its own minimum life (the government rule), in years.
    pub min_life_years: Option<i64>,
    /// The depreciation defaults a new asset of it gets: its own or inherited from the
    /// nearest parent with some (None when no category up the tree has any).
    pub defaults: Option<crate::valuation::DefaultsInForce>,
}

/// What seeding did: categories created, existing ones placed under their class or
/// given their code, and rows already there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SeedOutcome {
    pub added: usize,
    pub placed: usize,
    pub unchanged: usize,
    pub min_lives_set: usize,
}

struct SeedRow<'a> {
    code: Option<&'a str>,
    name: &'a str,
    parent: Option<&'a str>,
    min_life_years: Option<i64>,
}

fn seed_rows(text: &str) -> Vec<SeedRow<'_>> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let mut cols = l.split('\t');
            let mut next = || cols.next().map(str::trim).filter(|c| !c.is_empty());
            let code = next();
            let name = next().expect("every seed row names its category");
            let parent = next();
            let min_life_years = next().map(|y| y.parse().expect("a seed's minimum life is whole years"));
            SeedRow { code, name, parent, min_life_years }
        })
        .collect()
}

fn category_id(conn: &Connection, name: &str) -> Result<Option<(i64, bool)>> {
    registers::find(conn, RegisterKind::Category, name.trim())
}

fn no_category(name: &str) -> Error {
    Error::not_found(format!("no category named '{}'", quoted(name.trim())), format!("没有名为「{}」的类别", quoted(name.trim()))).with_field("parent")
}

/// The parent of `id`, if any.
fn parent_of(conn: &Connection, id: i64) -> Result<Option<i64>> {
    Ok(conn.query_row("SELECT parent_id FROM category_tree WHERE category_id = ?1", [id], |r| r.get(0)).optional()?.flatten())
}

fn name_of(conn: &Connection, id: i64) -> Result<String> {
    Ok(conn.query_row("SELECT name FROM categories WHERE id = ?1", [id], |r| r.get(0))?)
}

/// Refuses to put `child` under `parent` when `parent` is `child` or one of its descendants.
pub(crate) fn refuse_cycle(conn: &Connection, child: i64, parent: i64) -> Result<()> {
    let mut at = Some(parent);
    let mut guard = 0;
    while let Some(id) = at {
        if id == child {
            let (c, p) = (name_of(conn, child)?, name_of(conn, parent)?);
            return Err(Error::conflict(
                format!("category '{c}' cannot go under '{p}': '{p}' is '{c}' itself or one of its subcategories"),
                format!("类别「{c}」不能放在「{p}」之下：「{p}」就是它自己或它的下级类别"),
            )
            .with_field("parent"));
        }
        at = parent_of(conn, id)?;
        guard += 1;
        if guard > 10_000 {
            break;
        }
    }
    Ok(())
}

/// A parent must exist and be active.
fn usable_parent(conn: &Connection, parent: &str) -> Result<i64> {
    match category_id(conn, parent)? {
        Some((id, true)) => Ok(id),
        Some((_, false)) => Err(Error::invalid(
            "parent",
            format!("parent category '{}' is deactivated; reactivate it first", quoted(parent.trim())),
            format!("上级类别「{}」已停用，请先启用", quoted(parent.trim())),
        )),
        None => Err(no_category(parent)),
    }
}

/// The tree rule for (de)activating category `id`: a category with active children
/// cannot be deactivated, and one under a deactivated parent cannot be reactivated.
pub(crate) fn check_active_change(conn: &Connection, id: i64, active: bool) -> Result<()> {
    let name = name_of(conn, id)?;
    if active {
        if let Some(parent) = parent_of(conn, id)? {
            let (p_name, p_active): (String, bool) = conn.query_row("SELECT name, active FROM categories WHERE id = ?1", [parent], |r| Ok((r.get(0)?, r.get(1)?)))?;
            if !p_active {
                return Err(Error::conflict(
                    format!("category '{name}' cannot be reactivated while its parent '{p_name}' is deactivated; reactivate '{p_name}' first"),
                    format!("上级类别「{p_name}」已停用，类别「{name}」不能启用；请先启用「{p_name}」"),
                )
                .with_field("name"));
            }
        }
        return Ok(());
    }
    let mut stmt = conn.prepare("SELECT c.name FROM category_tree t JOIN categories c ON c.id = t.category_id WHERE t.parent_id = ?1 AND c.active = 1 ORDER BY c.name")?;
    let children: Vec<String> = stmt.query_map([id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    if !children.is_empty() {
        return Err(Error::conflict(
            format!("category '{name}' still has active subcategories ({}); deactivate or move them first", children.join(", ")),
            format!("类别「{name}」下还有启用的下级类别（{}），请先停用或移走它们", children.join("、")),
        )
        .with_field("name"));
    }
    Ok(())
}

fn set_parent(tx: &Transaction, actor: &Actor, id: i64, parent: Option<i64>) -> Result<()> {
    if let Some(p) = parent {
        refuse_cycle(tx, id, p)?;
    }
    tx.execute(
        "INSERT INTO category_tree(category_id, parent_id) VALUES (?1, ?2) ON CONFLICT(category_id) DO UPDATE SET parent_id = excluded.parent_id",
        params![id, parent],
    )?;
    let parent_name = match parent {
        Some(p) => name_of(tx, p)?,
        None => String::new(),
    };
    audit::record(tx, &actor.name, "category_parent", &name_of(tx, id)?, &parent_name)?;
    Ok(())
}

fn insert_category(tx: &Transaction, actor: &Actor, name: &str, parent: Option<i64>, code: Option<&str>) -> Result<i64> {
    tx.execute("INSERT INTO categories(name) VALUES (?1)", [name])?;
    let id = tx.last_insert_rowid();
    if parent.is_some() || code.is_some() {
        tx.execute("INSERT INTO category_tree(category_id, parent_id, class_code) VALUES (?1, ?2, ?3)", params![id, parent, code])?;
    }
    audit::record(tx, &actor.name, "register_add", &format!("category:{name}"), &parent.map(|p| name_of(tx, p)).transpose()?.unwrap_or_default())?;
    Ok(id)
}

impl Ledger {
    /// Adds a category, under `parent` when given (which must exist and be active).
    pub fn add_category(&mut self, actor: &Actor, name: &str, parent: Option<&str>) -> Result<()> {
        actor.require(Permission::ManageRegisters)?;
        let parent = parent.map(str::trim).filter(|p| !p.is_empty());
        let Some(parent) = parent else {
            return self.add_register(actor, RegisterKind::Category, name, None);
        };
        let name = registers::validate_name(RegisterKind::Category, name)?;
        let tx = crate::db::begin(&mut self.conn)?;
        if category_id(&tx, &name)?.is_some() {
            return Err(Error::conflict(format!("category '{}' already exists", quoted(&name)), format!("类别「{}」已存在", quoted(&name))).with_field("name"));
        }
        let parent_id = usable_parent(&tx, parent)?;
        insert_category(&tx, actor, &name, Some(parent_id), None)?;
        tx.commit()?;
        Ok(())
    }

    /// Moves a category under `parent`, or to the top with `None`; refused when it would
    /// make a cycle (under itself or its own subcategory).
    pub fn move_category(&mut self, actor: &Actor, name: &str, parent: Option<&str>) -> Result<()> {
        actor.require(Permission::ManageRegisters)?;
        let tx = crate::db::begin(&mut self.conn)?;
        let (id, active) = category_id(&tx, name)?.ok_or_else(|| no_category(name).with_field("name"))?;
        let parent_id = match parent.map(str::trim).filter(|p| !p.is_empty()) {
            Some(p) if active => Some(usable_parent(&tx, p)?),
            Some(p) => Some(category_id(&tx, p)?.ok_or_else(|| no_category(p))?.0),
            None => None,
        };
        set_parent(&tx, actor, id, parent_id)?;
        tx.commit()?;
        Ok(())
    }

    /// Every category in tree order (parents first; coded siblings by code, then by name).
    pub fn category_tree(&self, actor: &Actor) -> Result<Vec<CategoryNode>> {
        actor.require(Permission::ViewAssets)?;
        category_tree(&self.conn)
    }

    /// Seeds the categories of a standard (`gbt14885`). Idempotent: a category already
    /// there (by code, else by name) is kept, only given its code and, when it has no
    /// parent, its class; minimum lives and default lives are set only where none is.
    pub fn seed_categories(&mut self, actor: &Actor, seed: &str) -> Result<SeedOutcome> {
        actor.require(Permission::ManageRegisters)?;
        let text = match seed.trim().to_lowercase().as_str() {
            "gbt14885" | "gb/t14885" | "gbt14885-2022" | "gb/t 14885-2022" => GBT14885_2022,
            other => {
                return Err(Error::invalid(
                    "seed",
                    format!("unknown category seed '{}'; available: {}", quoted(other), SEEDS.join(", ")),
                    format!("未知的类别种子「{}」，可选：{}", quoted(other), SEEDS.join("、")),
                ))
            }
        };
        let tx = crate::db::begin(&mut self.conn)?;
        let mut outcome = SeedOutcome::default();
        // Each seed row's category, by the seed's name for it (the clerk may have renamed
        // it since). A row under a deactivated category is left out, and so its subtree:
        // no active child under a deactivated parent.
        let mut placed: HashMap<&str, i64> = HashMap::new();
        for row in seed_rows(text) {
            let parent_id = match row.parent {
                Some(p) => match placed.get(p) {
                    Some(&id) => Some(id),
                    None => {
                        outcome.unchanged += 1;
                        continue;
                    }
                },
                None => None,
            };
            let by_code = match row.code {
                Some(code) => tx.query_row("SELECT category_id FROM category_tree WHERE class_code = ?1", [code], |r| r.get::<_, i64>(0)).optional()?,
                None => None,
            };
            let existing = match by_code {
                Some(id) => Some(id),
                None => category_id(&tx, row.name)?.map(|(id, _)| id),
            };
            let id = match existing {
                None => {
                    outcome.added += 1;
                    insert_category(&tx, actor, row.name, parent_id, row.code)?
                }
                Some(id) => {
                    let (code, parent): (Option<String>, Option<i64>) =
                        tx.query_row("SELECT class_code, parent_id FROM category_tree WHERE category_id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?))).optional()?.unwrap_or((None, None));
                    let mut changed = false;
                    if code.is_none() && row.code.is_some() {
                        tx.execute(
                            "INSERT INTO category_tree(category_id, class_code) VALUES (?1, ?2) ON CONFLICT(category_id) DO UPDATE SET class_code = excluded.class_code",
                            params![id, row.code],
                        )?;
                        changed = true;
                    }
                    if parent.is_none() && parent_id.is_some() && refuse_cycle(&tx, id, parent_id.unwrap_or_default()).is_ok() {
                        set_parent(&tx, actor, id, parent_id)?;
                        changed = true;
                    }
                    if changed {
                        outcome.placed += 1;
                    } else {
                        outcome.unchanged += 1;
                    }
                    id
                }
            };
            let active: bool = tx.query_row("SELECT active FROM categories WHERE id = ?1", [id], |r| r.get(0))?;
            if active {
                placed.insert(row.name, id);
            }
            if let Some(years) = row.min_life_years {
                let months = years * 12;
                let set = tx.execute("INSERT INTO category_min_life(category_id, min_life_months) VALUES (?1, ?2) ON CONFLICT(category_id) DO NOTHING", params![id, months])?;
                outcome.min_lives_set += set;
                tx.execute(
                    "INSERT INTO category_depreciation(category_id, method, life_months, salvage_rate) VALUES (?1, 'straight-line', ?2, '0') ON CONFLICT(category_id) DO NOTHING",
                    params![id, months],
                )?;
            }
        }
        audit::record(&tx, &actor.name, "category_seed", seed.trim(), &format!("added {} placed {} unchanged {}", outcome.added, outcome.placed, outcome.unchanged))?;
        tx.commit()?;
        Ok(outcome)
    }
}

pub(crate) fn category_tree(conn: &Connection) -> Result<Vec<CategoryNode>> {
    struct Row {
        id: i64,
        name: String,
        code: Option<String>,
        parent: Option<i64>,
        active: bool,
        assets: i64,
        min_months: Option<i64>,
    }
    let mut stmt = conn.prepare(
        "SELECT c.id, c.name, t.class_code, t.parent_id, c.active, (SELECT COUNT(*) FROM assets a WHERE a.category_id = c.id), m.min_life_months \
         FROM categories c LEFT JOIN category_tree t ON t.category_id = c.id LEFT JOIN category_min_life m ON m.category_id = c.id \
         ORDER BY t.class_code IS NULL, t.class_code, c.name",
    )?;
    let rows: Vec<Row> = stmt
        .query_map([], |r| Ok(Row { id: r.get(0)?, name: r.get(1)?, code: r.get(2)?, parent: r.get(3)?, active: r.get(4)?, assets: r.get(5)?, min_months: r.get(6)? }))?
        .collect::<rusqlite::Result<_>>()?;
    let names: HashMap<i64, String> = rows.iter().map(|r| (r.id, r.name.clone())).collect();
    let mut children: HashMap<Option<i64>, Vec<usize>> = HashMap::new();
    for (i, r) in rows.iter().enumerate() {
        // A parent id that points nowhere (never written by this module) shows at the top.
        let parent = r.parent.filter(|p| names.contains_key(p));
        children.entry(parent).or_default().push(i);
    }
    let mut out = Vec::with_capacity(rows.len());
    let mut stack: Vec<(usize, usize)> = children.get(&None).map(|c| c.iter().rev().map(|&i| (i, 0)).collect()).unwrap_or_default();
    while let Some((i, depth)) = stack.pop() {
        let r = &rows[i];
        out.push(CategoryNode {
            name: r.name.clone(),
            class_code: r.code.clone(),
            parent: r.parent.and_then(|p| names.get(&p).cloned()),
            depth,
            active: r.active,
            asset_count: r.assets,
            min_life_years: r.min_months.map(|m| m / 12),
            defaults: crate::valuation::category_defaults_in_force(conn, r.id)?,
        });
        if out.len() > rows.len() {
            break;
        }
        if let Some(c) = children.get(&Some(r.id)) {
            stack.extend(c.iter().rev().map(|&c| (c, depth + 1)));
        }
    }
    Ok(out)
}
