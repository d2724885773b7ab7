//! Which column holds what: from a header line when there is one, else by content
//! (code first; then a whole number is a quantity, a date-time is the scan time, and the
//! second field, when it is neither, the location it was counted at).

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Column {
    Code,
    ScannedAt,
    Quantity,
    /// Where it was counted (a PDA's per-line location).
    Location,
    /// 实盘: a hand-filled expected list's "counted" mark; a line whose mark says no is
    /// not a scan.
    Counted,
    /// A column the header names but we do not use (operator, location...).
    Ignored,
}

/// Field separators; codes never contain them.
pub(crate) const SEPARATORS: [char; 3] = [',', '\t', ';'];

pub(crate) fn split_fields(line: &str) -> impl Iterator<Item = &str> {
    line.split(SEPARATORS).map(clean_field)
}

/// Trims a field and the quotes a spreadsheet may put around it.
fn clean_field(field: &str) -> &str {
    let field = field.trim();
    field
        .strip_prefix('"')
        .and_then(|f| f.strip_suffix('"'))
        .map(str::trim)
        .unwrap_or(field)
}

/// The columns a header line names, or `None` when the line is data.
pub(crate) fn header_columns(line: &str) -> Option<Vec<Column>> {
    let columns: Vec<Option<Column>> = split_fields(line).map(column_named).collect();
    if !columns.contains(&Some(Column::Code)) {
        return None;
    }
    Some(
        columns
            .into_iter()
            .map(|c| c.unwrap_or(Column::Ignored))
            .collect(),
    )
}

fn column_named(name: &str) -> Option<Column> {
    let name = name.to_lowercase().replace([' ', '_', '-'], "");
    let column = match name.as_str() {
        "code" | "assetcode" | "assetno" | "barcode" | "编码" | "资产编码" | "资产编号"
        | "编号" | "条码" | "条形码" => Column::Code,
        "time" | "timestamp" | "datetime" | "scannedat" | "scantime" | "date" | "时间"
        | "扫描时间" | "盘点时间" | "日期" => Column::ScannedAt,
        "qty" | "quantity" | "count" | "数量" => Column::Quantity,
        "location" | "loc" | "place" | "countedat" | "位置" | "地点" | "存放地点" | "存放位置"
        | "盘点位置" | "实际位置" | "实盘位置" => Column::Location,
        "counted" | "found" | "实盘" | "实盘数" | "实盘数量" | "盘点结果" | "是否盘到" | "盘到"
        | "实盘情况" => Column::Counted,
        _ => return None,
    };
    Some(column)
}
