//! Low-value consumables (issue 7): thin commands over crates/api's consumables use
//! cases; exports go through the one export path, slips and statistics to PDFs in the
//! export folder.

use api::consumables::{BudgetDto, BudgetPlan, BudgetQuery, ConsumableList, ItemDto, ItemInput, MoveDto, MoveQueryDto, MoveRequest, StatsDto, StatsQueryDto};
use api::ExportDto;
use tauri::{AppHandle, State};

use crate::commands::export::{export_file, write_table};
use crate::error::ApiResult;
use crate::state::AppState;

#[tauri::command]
pub async fn consumable_stock(state: State<'_, AppState>, text: String) -> ApiResult<Vec<ItemDto>> {
    state.call(|cx| api::consumables::stock(cx, &text, false))
}

/// A new item; returns its code.
#[tauri::command]
pub async fn add_consumable_item(state: State<'_, AppState>, input: ItemInput) -> ApiResult<String> {
    state.call(|cx| api::consumables::add_item(cx, &input))
}

#[tauri::command]
pub async fn edit_consumable_item(state: State<'_, AppState>, item: String, input: ItemInput) -> ApiResult<()> {
    state.call(|cx| api::consumables::edit_item(cx, &item, &input))
}

/// 停用 / 启用 an item.
#[tauri::command]
pub async fn set_consumable_item_active(state: State<'_, AppState>, item: String, active: bool) -> ApiResult<()> {
    state.call(|cx| api::consumables::set_item_active(cx, &item, active))
}

/// A receipt, issue, return or count adjustment; returns its number.
#[tauri::command]
pub async fn post_consumable(state: State<'_, AppState>, request: MoveRequest) -> ApiResult<String> {
    state.call(|cx| api::consumables::post(cx, &request))
}

/// Voids a movement; returns the void's number.
#[tauri::command]
pub async fn void_consumable(state: State<'_, AppState>, doc_no: String, reason: String) -> ApiResult<String> {
    state.call(|cx| api::consumables::void(cx, &doc_no, &reason))
}

#[tauri::command]
pub async fn consumable_moves(state: State<'_, AppState>, query: MoveQueryDto) -> ApiResult<Vec<MoveDto>> {
    state.call(|cx| api::consumables::moves(cx, query))
}

#[tauri::command]
pub async fn consumable_move(state: State<'_, AppState>, doc_no: String) -> ApiResult<MoveDto> {
    state.call(|cx| api::consumables::movement(cx, &doc_no))
}

#[tauri::command]
pub async fn consumable_stats(state: State<'_, AppState>, query: StatsQueryDto) -> ApiResult<StatsDto> {
    state.call(|cx| api::consumables::stats(cx, query))
}

/// Next year's budget (or `year`'s), forecast from the 12 months up to today.
#[tauri::command]
pub async fn consumable_budget(state: State<'_, AppState>, year: Option<i32>) -> ApiResult<BudgetDto> {
    state.call(|cx| api::consumables::budget(cx, &BudgetQuery { year, as_of: None }))
}

#[tauri::command]
pub async fn set_consumable_budget(state: State<'_, AppState>, year: i32, item: String, qty: String, price: String, note: String) -> ApiResult<BudgetDto> {
    state.call(|cx| api::consumables::plan_budget(cx, &BudgetPlan { year: Some(year), item, qty, price, note }))
}

/// Exports the stock list, the movements, the statistics or the budget as shown.
#[tauri::command]
pub async fn export_consumables(
    app: AppHandle,
    state: State<'_, AppState>,
    what: String,
    text: Option<String>,
    moves: Option<MoveQueryDto>,
    stats: Option<StatsQueryDto>,
    year: Option<i32>,
) -> ApiResult<ExportDto> {
    let list = match what.as_str() {
        "moves" => ConsumableList::Moves(moves.unwrap_or_default()),
        "stats" => ConsumableList::Stats(stats.unwrap_or_default()),
        "budget" => ConsumableList::Budget(BudgetQuery { year, as_of: None }),
        _ => ConsumableList::Stock { text: text.unwrap_or_default(), low_only: false },
    };
    let table = state.call(|cx| api::consumables::table(cx, list))?;
    write_table(&app, &state, table)
}

/// The statistics as shown, as a printable PDF; returns its path.
#[tauri::command]
pub async fn print_consumable_stats(state: State<'_, AppState>, query: StatsQueryDto) -> ApiResult<String> {
    state.call(|cx| api::consumables::stats_pdf(cx, query, |stem| export_file(&state, stem, "pdf"))).map(|e| e.file)
}
