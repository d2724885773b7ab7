//! Importing a legacy ledger (the import wizard and `assetdesk import`): planning a file
//! (header, column mapping, errors, the registers it would create), storing its valid
//! rows, and the import batches afterwards — listed, and voided whole (issue 20).

use exchange::{ColumnMapping, ImportOptions, ImportPlan};
use ledger::Error;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::ids::DocNo;
use crate::{Ctx, Result};

/// The clerk's file, as read from the file chooser (or the disk, for the CLI).
#[derive(Debug, Clone)]
pub struct ImportFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Which sheet and mapping to plan with; both may be left out (found automatically).
#[derive(Debug, Clone, Deserialize, Default, TS)]
#[serde(default)]
#[ts(rename = "PlanRequest")]
pub struct PlanRequestDto {
    #[ts(optional)]
    pub sheet: Option<String>,
    #[ts(optional, type = "ImportMapping")]
    pub mapping: Option<ColumnMapping>,
    /// Old category name → the ledger's (issue 21); with it, an unmapped unknown name is
    /// that row's error.
    #[ts(optional, type = "Record<string, string>")]
    pub category_map: Option<exchange::CategoryMap>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "ImportFieldOption")]
pub struct FieldDto {
    pub key: &'static str,
    pub label: &'static str,
}

/// The plan: what the file holds and how it will be read.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "ImportPlan")]
pub struct PlanDto {
    pub file: String,
    pub sheets: Vec<String>,
    pub sheet: String,
    #[ts(type = "number")]
    pub header_row: u32,
    #[ts(type = "{ column: number; letter: string; header: string; field: string | null; custom?: string }[]")]
    pub columns: Vec<exchange::SourceColumn>,
    pub fields: Vec<FieldDto>,
    /// The ledger's active custom fields, which a column may fill (issue 21).
    pub custom_fields: Vec<String>,
    #[ts(type = "ImportMapping")]
    pub mapping: ColumnMapping,
    #[ts(type = "number")]
    pub rows_read: usize,
    #[ts(type = "number")]
    pub valid_rows: usize,
    #[ts(type = "number")]
    pub skipped: usize,
    #[ts(type = "{ row: number; column: string; message: string }[]")]
    pub errors: Vec<exchange::ErrorLine>,
    /// The first rows as they will be stored, for a preview.
    #[ts(type = "Record<string, unknown>[]")]
    pub sample: Vec<exchange::ImportRow>,
    /// Registers the import would create; the clerk confirms them.
    #[ts(type = "{ category: string[]; dept: string[]; location: string[]; person: string[]; supplier: string[] }")]
    pub new_registers: exchange::NewRegisters,
}

/// How to store the rows.
#[derive(Debug, Clone, Copy, Default)]
pub struct ApplyOptions {
    pub skip_invalid: bool,
    pub dry_run: bool,
    /// The clerk saw and confirmed the registers the import creates.
    pub confirm_new_registers: bool,
}

/// What storing did.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "ImportResult")]
pub struct ImportResultDto {
    #[ts(type = "number")]
    pub rows_read: usize,
    #[ts(type = "number")]
    pub imported: usize,
    #[ts(type = "number")]
    pub skipped: usize,
    #[ts(type = "{ row: number; column: string; message: string }[]")]
    pub errors: Vec<exchange::ErrorLine>,
    #[ts(type = "number")]
    pub would_import: usize,
    #[ts(type = "number")]
    pub already_present: usize,
    pub dry_run: bool,
    /// (row, code) of each asset registered.
    #[serde(skip)]
    #[ts(skip)]
    pub codes: Vec<(usize, String)>,
}

impl From<exchange::ImportResult> for ImportResultDto {
    fn from(r: exchange::ImportResult) -> Self {
        ImportResultDto {
            rows_read: r.rows_read,
            imported: r.imported,
            skipped: r.skipped,
            errors: r.errors,
            would_import: r.would_import,
            already_present: r.already_present,
            dry_run: r.dry_run,
            codes: r.codes,
        }
    }
}

fn plan_of(cx: &mut Ctx, file: &ImportFile, request: &PlanRequestDto) -> Result<ImportPlan> {
    let words = cx.ledger.import_header_words(cx.actor)?;
    let learned = exchange::LearnedHeaders::from_words(&words);
    let custom_fields = cx.ledger.active_custom_fields(cx.actor)?;
    let options = ImportOptions { sheet: request.sheet.clone(), mapping: request.mapping.clone(), learned, custom_fields, ..ImportOptions::default() };
    let mut plan = exchange::plan_import_bytes(file.bytes.clone(), &file.name, &options).map_err(ledger::Error::from)?;
    if let Some(map) = &request.category_map {
        exchange::map_categories(cx.ledger, cx.actor, &mut plan, map)?;
    }
    Ok(plan)
}

/// Plans `file`: sheet, header, mapping, every row's errors, the registers it would add.
pub fn plan(cx: &mut Ctx, file: &ImportFile, request: &PlanRequestDto) -> Result<PlanDto> {
    let plan = plan_of(cx, file, request)?;
    let lang = cx.lang;
    let summary = plan.report.summary(lang);
    let new_registers = exchange::new_registers(cx.ledger, cx.actor, &plan)?;
    Ok(PlanDto {
        file: file.name.clone(),
        sheets: plan.sheets.clone(),
        sheet: plan.sheet.clone(),
        header_row: plan.header_row,
        fields: exchange::ImportField::ALL
            .iter()
            .map(|f| FieldDto { key: f.as_key(), label: if lang == ledger::Lang::En { f.label().0 } else { f.label().1 } })
            .collect(),
        columns: plan.columns.clone(),
        custom_fields: cx.ledger.active_custom_fields(cx.actor)?.into_iter().map(|f| f.name).collect(),
        mapping: plan.mapping.clone(),
        rows_read: plan.report.rows_read,
        valid_rows: plan.report.valid_rows,
        skipped: plan.report.skipped,
        errors: summary.errors,
        sample: plan.rows.iter().take(20).cloned().collect(),
        new_registers,
    })
}

/// Stores `file`'s valid rows under one 资产新增 document (an import batch). New
/// registers are created only when confirmed; an edited mapping is remembered once it
/// was used for a real import. `progress` (done, total) returns false to cancel.
pub fn apply(cx: &mut Ctx, file: &ImportFile, request: &PlanRequestDto, options: ApplyOptions, progress: &mut dyn FnMut(usize, usize) -> bool) -> Result<ImportResultDto> {
    let plan = plan_of(cx, file, request)?;
    let new = exchange::new_registers(cx.ledger, cx.actor, &plan)?;
    if !options.dry_run && !new.is_empty() && !options.confirm_new_registers {
        let names: Vec<&str> = [&new.category, &new.dept, &new.location, &new.person, &new.supplier].into_iter().flatten().take(5).map(String::as_str).collect();
        return Err(Error::invalid(
            "new_registers",
            format!("the import would add {} new registers ({}...); confirm them first", new.count(), names.join(", ")),
            format!("导入将新建 {} 个登记项（如 {}），请先确认", new.count(), names.join("、")),
        ));
    }
    let result = exchange::apply_plan(cx.ledger, cx.actor, &plan, cx.lang, options.skip_invalid, options.dry_run, progress)?;
    let refused = !result.errors.is_empty() && !options.skip_invalid;
    if request.mapping.is_some() && !options.dry_run && !refused {
        cx.ledger.remember_import_headers(cx.actor, &exchange::lessons(&plan))?;
    }
    Ok(result.into())
}

/// `assetdesk import FILE` in one step: the file read from disk, `--map HEADER=FIELD`
/// lessons for its header (remembered once a real import went through), a category map
/// file, a dry run or skipping invalid rows. The command line is the confirmation of the
/// registers it creates, so they are returned for the CLI to list.
#[derive(Debug, Clone, Default)]
pub struct FileImport {
    pub sheet: Option<String>,
    /// `HEADER=FIELD` entries (FIELD an import field key, or `ignore`).
    pub map: Vec<String>,
    pub category_map: Option<std::path::PathBuf>,
    pub dry_run: bool,
    pub skip_invalid: bool,
}

/// What a one-step import did (or, dry, would do).
#[derive(Debug, Clone)]
pub struct FileImportOutcome {
    pub result: ImportResultDto,
    pub new_registers: exchange::NewRegisters,
    /// Rows had errors and neither --skip-invalid nor --dry-run was given: nothing was stored.
    pub refused: bool,
}

/// `--map HEADER=FIELD` as a lesson for the header reader: (folded header word, field key).
fn header_lesson(entry: &str) -> Result<(String, Option<String>)> {
    let bad = |en: String, zh: String| Error::invalid("map", en, zh);
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

/// Imports the file at `path` as `request` says; `progress` (done, total) returns false to cancel.
pub fn import_file(cx: &mut Ctx, path: &std::path::Path, request: &FileImport, progress: &mut dyn FnMut(usize, usize) -> bool) -> Result<FileImportOutcome> {
    let lessons = request.map.iter().map(|m| header_lesson(m)).collect::<Result<Vec<_>>>()?;
    let mut words = cx.ledger.import_header_words(cx.actor)?;
    words.extend(lessons.iter().map(|(w, m)| (w.clone(), m.clone().unwrap_or_default())));
    let custom_fields = cx.ledger.active_custom_fields(cx.actor)?;
    let options = ImportOptions { sheet: request.sheet.clone(), learned: exchange::LearnedHeaders::from_words(&words), custom_fields, ..ImportOptions::default() };
    let mut plan = exchange::plan_import(path, &options).map_err(ledger::Error::from)?;
    if let Some(map_file) = &request.category_map {
        let bytes = std::fs::read(map_file).map_err(|e| {
            Error::invalid("category_map", format!("cannot read the category map {}: {e}", map_file.display()), format!("无法读取类别映射表 {}：{e}", map_file.display()))
        })?;
        let map = exchange::parse_category_map(&bytes)?;
        exchange::map_categories(cx.ledger, cx.actor, &mut plan, &map)?;
    }
    let new_registers = exchange::new_registers(cx.ledger, cx.actor, &plan)?;
    let result = exchange::apply_plan(cx.ledger, cx.actor, &plan, cx.lang, request.skip_invalid, request.dry_run, progress)?;
    let refused = !result.errors.is_empty() && !request.skip_invalid && !request.dry_run;
    if !request.dry_run && !refused && !lessons.is_empty() {
        cx.ledger.remember_import_headers(cx.actor, &lessons)?;
    }
    Ok(FileImportOutcome { result: result.into(), new_registers, refused })
}

/// One import batch.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "ImportBatch")]
pub struct ImportBatchDto {
    /// The batch's 资产新增 document number: what `import void` takes.
    pub batch: String,
    pub date: String,
    /// The imported file's name; empty for batches imported before it was kept.
    pub file: String,
    pub operator: String,
    #[ts(type = "number")]
    pub assets: i64,
    #[ts(type = "'posted' | 'voided'")]
    pub state: String,
    pub voided_by: Option<String>,
}

/// Which batches to list (the import screen's search box and state chips).
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(default)]
#[ts(rename = "BatchQuery")]
pub struct BatchQueryDto {
    /// Part of the batch number, file name, operator or date.
    #[ts(optional)]
    pub query: Option<String>,
    #[ts(optional, type = "'posted' | 'voided'")]
    pub state: Option<String>,
}

impl BatchQueryDto {
    fn admits(&self, b: &ImportBatchDto) -> bool {
        let wanted = self.query.as_deref().map(|q| q.trim().to_lowercase()).filter(|q| !q.is_empty());
        let text_ok = wanted.map_or(true, |q| [&b.batch, &b.file, &b.operator, &b.date].iter().any(|f| f.to_lowercase().contains(&q)));
        let state_ok = self.state.as_deref().filter(|s| !s.is_empty()).map_or(true, |s| s == b.state);
        text_ok && state_ok
    }
}

/// The import batches, newest first, as filtered by `query`.
pub fn batches(cx: &mut Ctx, query: &BatchQueryDto) -> Result<Vec<ImportBatchDto>> {
    Ok(cx
        .ledger
        .import_batches(cx.actor)?
        .into_iter()
        .map(|b| ImportBatchDto { batch: b.doc_no, date: b.date.to_string(), file: b.file, operator: b.operator, assets: b.assets, state: b.state, voided_by: b.voided_by })
        .filter(|b| query.admits(b))
        .collect())
}

/// The batches as listed (same filter) as a table to export.
pub fn batches_table(cx: &mut Ctx, query: &BatchQueryDto) -> Result<crate::export::Table> {
    use exchange::{column, Cell, ColumnKind::*};
    let lang = cx.lang;
    let rows = batches(cx, query)?;
    let columns = vec![
        column("导入批次", "Batch", lang, Text, 16.0),
        column("日期", "Date", lang, Text, 11.0),
        column("文件", "File", lang, Text, 24.0),
        column("操作员", "Operator", lang, Text, 10.0),
        column("资产数", "Assets", lang, Integer, 8.0),
        column("状态", "State", lang, Text, 8.0),
        column("冲销单", "Voided by", lang, Text, 16.0),
    ];
    let state = |s: &str| match (s, lang) {
        ("voided", ledger::Lang::En) => "voided",
        ("voided", _) => "已撤销",
        (_, ledger::Lang::En) => "in effect",
        _ => "有效",
    };
    let cells = rows
        .into_iter()
        .map(|b| {
            vec![
                Cell::Text(b.batch),
                Cell::Text(b.date),
                Cell::Text(b.file),
                Cell::Text(b.operator),
                Cell::Integer(b.assets),
                Cell::Text(state(&b.state).to_string()),
                Cell::from(b.voided_by),
            ]
        })
        .collect();
    let (stem, sheet) = if lang == ledger::Lang::En { ("import-batches", "Import batches") } else { ("导入记录", "导入记录") };
    Ok(crate::export::Table::new(stem, sheet, (columns, cells)))
}

/// Voids a whole import batch (every asset it brought in) with a reason, if none of its
/// assets has a later document; otherwise refuses naming each blocking row, and changes
/// nothing. Returns the void document's number.
pub fn void_batch(cx: &mut Ctx, batch: &DocNo, reason: &str) -> Result<DocNo> {
    Ok(DocNo(cx.ledger.void_import(cx.actor, batch.as_str(), reason)?))
}

/// A category map file's bytes (two columns: old name, the ledger's name; issue 21) as the
/// map a plan request carries; a bad line is refused naming it.
pub fn read_category_map(bytes: &[u8]) -> Result<exchange::CategoryMap> {
    exchange::parse_category_map(bytes)
}
