//! One sheet's data rows to planned rows: skipping blank, summary and repeated header
//! rows, normalising each mapped cell, and collecting every problem with its column.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use ledger::AssetInput;
use rust_decimal::Decimal;

use super::detect::header_text;
use super::normalise::{self as norm, Problem};
use super::plan::{ImportRow, SourceColumn};
use super::read::{Grid, RawCell};
use super::report::{ImportReport, RowError};
use super::synonyms::{header_key, header_unit, ImportField};

/// Everything about the sheet a row needs: which column is what, how amounts and
/// lives are counted, the dates to check against.
pub(super) struct RowContext {
    columns: BTreeMap<ImportField, (u32, String)>,
    /// Custom field columns: (column, header as shown, the field).
    custom: Vec<(u32, String, ledger::CustomField)>,
    amount_scale: HashMap<ImportField, Decimal>,
    life_in_months: bool,
    header_keys: Vec<(u32, String)>,
    first_col: u32,
    opening_date: Option<NaiveDate>,
    today: NaiveDate,
}

/// A planned row and what is wrong with it; kept only when nothing is.
struct RowOutcome {
    row: ImportRow,
    errors: Vec<RowError>,
}

impl RowContext {
    pub(super) fn new(
        grid: &Grid,
        header_index: usize,
        columns: &[SourceColumn],
        custom_fields: &[ledger::CustomField],
        opening_date: Option<NaiveDate>,
        today: NaiveDate,
    ) -> Self {
        // A "单位:万元" line above the header scales every amount column without its own unit.
        let sheet_in_wan = grid.rows[..header_index]
            .iter()
            .flatten()
            .filter_map(header_text)
            .any(|t| t.contains("单位") && t.contains("万元"));
        let mut mapped = BTreeMap::new();
        let mut amount_scale = HashMap::new();
        let mut life_in_months = false;
        for c in columns {
            let Some(field) = c.field else { continue };
            let shown =
                if c.header.is_empty() { format!("{} ({})", field.label().0, c.letter) } else { c.header.clone() };
            mapped.insert(field, (c.column, shown));
            let unit = header_unit(&c.header);
            let in_wan = unit.contains("万元") || (sheet_in_wan && !unit.contains('元'));
            amount_scale.insert(field, if in_wan { Decimal::from(10_000) } else { Decimal::ONE });
            if field == ImportField::LifeYears {
                life_in_months = unit.contains('月') || header_key(&c.header).contains('月');
            }
        }
        let header_keys =
            columns.iter().filter(|c| c.field.is_some()).map(|c| (c.column, header_key(&c.header))).collect();
        let custom = columns
            .iter()
            .filter_map(|c| {
                let field = custom_fields.iter().find(|f| Some(&f.name) == c.custom.as_ref())?;
                let shown = if c.header.is_empty() { format!("{} ({})", field.name, c.letter) } else { c.header.clone() };
                Some((c.column, shown, field.clone()))
            })
            .collect();
        RowContext {
            columns: mapped,
            custom,
            amount_scale,
            life_in_months,
            header_keys,
            first_col: grid.first_col,
            opening_date,
            today,
        }
    }

    pub(super) fn plan_rows(&self, grid: &Grid, header_index: usize) -> (Vec<ImportRow>, ImportReport) {
        let data_start = header_index + 1;
        let data_end =
            (data_start..grid.rows.len()).rev().find(|&i| !self.is_blank(grid, i)).map_or(data_start, |i| i + 1);
        let mut report = ImportReport { rows_read: data_end - data_start, ..Default::default() };
        let mut rows = Vec::new();
        let mut first_row_of_code: HashMap<String, u32> = HashMap::new();
        for index in data_start..data_end {
            if self.is_blank(grid, index) {
                report.blank_rows += 1;
                continue;
            }
            if self.is_summary(grid, index) {
                report.summary_rows += 1;
                continue;
            }
            if self.is_repeated_header(grid, index) {
                report.repeated_header_rows += 1;
                continue;
            }
            let sheet_row = grid.sheet_row(index);
            let mut outcome = self.plan_row(grid, index, sheet_row);
            let code = &outcome.row.asset.code;
            if !code.is_empty() {
                match first_row_of_code.get(code) {
                    Some(&first) => outcome.errors.push(self.error(
                        sheet_row,
                        self.code_field(),
                        Problem::new(
                            format!("asset code '{code}' repeats row {first}"),
                            format!("资产编码「{code}」与第 {first} 行重复"),
                        ),
                    )),
                    None => {
                        first_row_of_code.insert(code.clone(), sheet_row);
                    }
                }
            }
            // Left to right, as the clerk reads the row.
            outcome.errors.sort_by_key(|e| e.field.and_then(|f| self.columns.get(&f)).map_or(u32::MAX, |(c, _)| *c));
            if outcome.errors.is_empty() {
                rows.push(outcome.row);
            } else {
                report.invalid_rows += 1;
                report.errors.append(&mut outcome.errors);
            }
        }
        report.skipped = report.blank_rows + report.summary_rows + report.repeated_header_rows;
        report.valid_rows = rows.len();
        (rows, report)
    }

    /// The column a code comes from: the code column, else the barcode standing in for it.
    fn code_field(&self) -> ImportField {
        if self.columns.contains_key(&ImportField::Code) {
            ImportField::Code
        } else {
            ImportField::Barcode
        }
    }

    fn cell<'g>(&self, grid: &'g Grid, index: usize, field: ImportField) -> &'g RawCell {
        static EMPTY: RawCell = RawCell::Empty;
        self.columns.get(&field).map_or(&EMPTY, |(column, _)| grid.cell(index, *column))
    }

    /// Blank when every mapped cell is: a pre-numbered 序号 alone does not make a row.
    fn is_blank(&self, grid: &Grid, index: usize) -> bool {
        self.columns.values().all(|(column, _)| grid.cell(index, *column).is_blank())
    }

    /// Summary (合计, Total) and sign-off (制表人:) rows.
    fn is_summary(&self, grid: &Grid, index: usize) -> bool {
        let leading = (self.first_col..self.first_col + 3).map(|c| grid.cell(index, c));
        let named = [ImportField::Code, ImportField::Name, ImportField::Barcode].map(|f| self.cell(grid, index, f));
        leading
            .chain(named)
            .any(|cell| matches!(cell, RawCell::Text(t) if t.chars().count() <= 60 && (norm::is_summary_word(t) || norm::is_footer_text(t))))
    }

    /// Printouts repeat the header on every page.
    fn is_repeated_header(&self, grid: &Grid, index: usize) -> bool {
        self.header_keys
            .iter()
            .all(|(column, key)| header_text(grid.cell(index, *column)).is_some_and(|t| header_key(&t) == *key))
    }

    fn error(&self, row: u32, field: ImportField, problem: Problem) -> RowError {
        let column = self.columns.get(&field).map_or_else(|| field.label().1.to_string(), |(_, shown)| shown.clone());
        RowError { row, column, field: Some(field), message_en: problem.en, message_zh: problem.zh }
    }

    fn plan_row(&self, grid: &Grid, index: usize, sheet_row: u32) -> RowOutcome {
        let mut errors = Vec::new();
        let mut check = |field: ImportField, result: Result<(), Problem>| {
            if let Err(p) = result {
                errors.push(self.error(sheet_row, field, p));
            }
        };
        let cell = |field| self.cell(grid, index, field);
        let text = |field| norm::cell_text(cell(field));

        let name = text(ImportField::Name);
        check(ImportField::Name, required(&name, "asset name", "资产名称"));
        check(ImportField::Name, max_chars(&name, 100, "asset name", "资产名称"));
        let category = text(ImportField::Category);
        check(ImportField::Category, required(&category, "category", "资产类别"));
        let mut asset = AssetInput { name, category, ..Default::default() };
        for (field, slot, max, en, zh) in [
            (ImportField::Model, &mut asset.model, 100, "model", "规格型号"),
            (ImportField::Serial, &mut asset.serial, 100, "serial number", "序列号"),
            (ImportField::Dept, &mut asset.dept, 60, "department", "使用部门"),
            (ImportField::Location, &mut asset.location, 60, "location", "存放地点"),
            (ImportField::Custodian, &mut asset.custodian, 60, "custodian", "使用人"),
            (ImportField::Notes, &mut asset.notes, 2000, "notes", "备注"),
            (ImportField::Supplier, &mut asset.supplier, 100, "supplier", "供应商"),
        ] {
            *slot = text(field);
            check(field, max_chars(slot, max, en, zh));
        }
        check(ImportField::Category, max_chars(&asset.category, 60, "category", "资产类别"));

        // The code column wins; a barcode column fills in for it, or is kept in the notes.
        let code = norm::normalise_code(cell(ImportField::Code));
        let barcode = norm::normalise_code(cell(ImportField::Barcode));
        asset.code = if code.is_empty() { barcode.clone() } else { code };
        if !barcode.is_empty() && barcode != asset.code {
            let note = format!("条形码：{barcode}");
            asset.notes = if asset.notes.is_empty() { note } else { format!("{}; {note}", asset.notes) };
        }
        if !asset.code.is_empty() {
            check(self.code_field(), norm::check_code(&asset.code));
        }

        let acquired = self.date(cell(ImportField::Acquired), ("acquisition date", "购置日期"));
        check(ImportField::Acquired, acquired.clone().map(|_| ()));
        asset.acquired = acquired.ok().flatten().map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default();

        // A warranty usually ends in the future, so only the form of the date is checked.
        let warranty = norm::normalise_date(cell(ImportField::WarrantyUntil), ("warranty end", "保修截止日期"));
        check(ImportField::WarrantyUntil, warranty.clone().map(|_| ()));
        asset.warranty_until = warranty.ok().flatten().map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default();

        let value = self.amount(grid, index, ImportField::Value, ("original value", "原值"));
        check(ImportField::Value, value.clone().map(|_| ()));
        let value = value.ok().flatten();
        asset.value = value.map(ledger::format_money).unwrap_or_default();

        let life = norm::normalise_life(cell(ImportField::LifeYears), self.life_in_months);
        check(ImportField::LifeYears, life.clone().map(|_| ()));
        asset.life_years = life.ok().flatten().unwrap_or_default();

        let rate = norm::normalise_rate(cell(ImportField::SalvageRate));
        check(ImportField::SalvageRate, rate.clone().map(|_| ()));
        asset.salvage_rate = rate.ok().flatten().unwrap_or_default();
        // The ledger takes a rate or an amount; with both, the rate is kept.
        if asset.salvage_rate.is_empty() {
            let salvage = self.amount(grid, index, ImportField::Salvage, ("salvage", "净残值"));
            check(ImportField::Salvage, salvage.clone().map(|_| ()));
            if let (Ok(Some(s)), Some(v)) = (&salvage, value) {
                if *s > v {
                    check(
                        ImportField::Salvage,
                        Err(Problem::new("salvage is larger than the original value", "净残值大于资产原值")),
                    );
                }
            }
            asset.salvage = salvage.ok().flatten().map(ledger::format_money).unwrap_or_default();
        }

        let method = norm::normalise_method(cell(ImportField::Method));
        check(ImportField::Method, method.clone().map(|_| ()));
        asset.method = method.ok().flatten().unwrap_or_default();

        let status = norm::normalise_status(cell(ImportField::Status));
        check(ImportField::Status, status.clone().map(|_| ()));

        match norm::normalise_quantity(cell(ImportField::Quantity)) {
            Ok(Some(n)) if n > 1 => check(
                ImportField::Quantity,
                Err(Problem::new(
                    format!("the row holds {n} items; give each asset its own row"),
                    format!("本行数量为 {n}，每件资产须单独一行"),
                )),
            ),
            Ok(Some(0)) => check(ImportField::Quantity, Err(Problem::new("quantity is 0", "数量为 0"))),
            Ok(_) => {}
            Err(p) => check(ImportField::Quantity, Err(p)),
        }

        let accumulated = self.accumulated(grid, index, value, &mut check);
        let opening_date = match accumulated {
            Some(_) => {
                let own = self.date(cell(ImportField::OpeningDate), ("depreciation date", "折旧截止日期"));
                check(ImportField::OpeningDate, own.clone().map(|_| ()));
                let date = own.ok().flatten().or(self.opening_date);
                if date.is_none() {
                    check(
                        ImportField::AccumulatedDepreciation,
                        Err(Problem::new(
                            "accumulated depreciation needs the date it was counted to (a 折旧截止日期 column or the opening date)",
                            "累计折旧须注明截止日期（增加「折旧截止日期」列或指定期初日期）",
                        )),
                    );
                }
                date
            }
            None => None,
        };

        let status = status.ok().flatten();
        let mut custom = Vec::new();
        for (column, shown, field) in &self.custom {
            match super::custom::value(field, grid.cell(index, *column)) {
                Ok(v) if v.is_empty() => {}
                Ok(v) => custom.push((field.name.clone(), v)),
                Err(p) => errors.push(RowError { row: sheet_row, column: shown.clone(), field: None, message_en: p.en, message_zh: p.zh }),
            }
        }
        let row = ImportRow { row: sheet_row, asset, status, accumulated_depreciation: accumulated, opening_date, custom };
        RowOutcome { row, errors }
    }

    /// Accumulated depreciation from its own column, else from value minus net book value.
    fn accumulated(
        &self,
        grid: &Grid,
        index: usize,
        value: Option<Decimal>,
        check: &mut impl FnMut(ImportField, Result<(), Problem>),
    ) -> Option<Decimal> {
        let own =
            self.amount(grid, index, ImportField::AccumulatedDepreciation, ("accumulated depreciation", "累计折旧"));
        check(ImportField::AccumulatedDepreciation, own.clone().map(|_| ()));
        let (field, amount) = match own.ok().flatten() {
            Some(a) => (ImportField::AccumulatedDepreciation, a),
            None => {
                let net = self.amount(grid, index, ImportField::NetBookValue, ("net book value", "净值"));
                check(ImportField::NetBookValue, net.clone().map(|_| ()));
                let net = net.ok().flatten()?;
                (ImportField::NetBookValue, value.unwrap_or_default() - net)
            }
        };
        if amount.is_sign_negative() && !amount.is_zero()
            || value.is_some_and(|v| amount > v)
            || value.is_none() && amount > Decimal::ZERO
        {
            check(
                field,
                Err(Problem::new("accumulated depreciation is larger than the original value", "累计折旧大于资产原值")),
            );
            return None;
        }
        Some(amount)
    }

    fn amount(
        &self,
        grid: &Grid,
        index: usize,
        field: ImportField,
        what: (&str, &str),
    ) -> Result<Option<Decimal>, Problem> {
        let scale = self.amount_scale.get(&field).copied().unwrap_or(Decimal::ONE);
        norm::normalise_amount(self.cell(grid, index, field), scale, what)
    }

    fn date(&self, cell: &RawCell, what: (&str, &str)) -> Result<Option<NaiveDate>, Problem> {
        let date = norm::normalise_date(cell, what)?;
        match date {
            Some(d) if d > self.today => {
                Err(Problem::new(format!("{} {d} is in the future", what.0), format!("{} {d} 晚于今天", what.1)))
            }
            _ => Ok(date),
        }
    }
}

fn required(text: &str, en: &str, zh: &str) -> Result<(), Problem> {
    if text.is_empty() {
        return Err(Problem::new(format!("{en} is missing"), format!("{zh}为空")));
    }
    Ok(())
}

fn max_chars(text: &str, max: usize, en: &str, zh: &str) -> Result<(), Problem> {
    if text.chars().count() > max {
        return Err(Problem::new(format!("{en} is longer than {max} characters"), format!("{zh}超过 {max} 个字符")));
    }
    Ok(())
}
