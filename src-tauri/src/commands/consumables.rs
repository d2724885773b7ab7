//! Low-value consumables (issue 7): thin commands over the core's items, movements,
//! voids, statistics and budget; exports through the one export writer, slips and
//! statistics printed by the reports crate.

use tauri::{AppHandle, State};

use crate::dto::consumables::{BudgetDto, ItemDto, ItemInputDto, MoveDto, MoveQueryDto, MoveRequestDto, StatsDto, StatsQueryDto};
use crate::dto::ExportDto;
use crate::error::ApiResult;
use crate::state::AppState;

#[tauri::command]
pub async fn consumable_stock(state: State<'_, AppState>, text: String) -> ApiResult<Vec<ItemDto>> {
    state.as_user(|ledger, actor| Ok(ledger.consumable_stock(actor, &text)?.into_iter().map(Into::into).collect()))
}

/// A new item; returns its code.
#[tauri::command]
pub async fn add_consumable_item(state: State<'_, AppState>, input: ItemInputDto) -> ApiResult<String> {
    state.as_user(|ledger, actor| ledger.add_consumable_item(actor, &input.into()))
}

#[tauri::command]
pub async fn edit_consumable_item(state: State<'_, AppState>, item: String, input: ItemInputDto) -> ApiResult<()> {
    state.as_user(|ledger, actor| ledger.edit_consumable_item(actor, &item, &input.into()))
}

/// 停用 / 启用 an item.
#[tauri::command]
pub async fn set_consumable_item_active(state: State<'_, AppState>, item: String, active: bool) -> ApiResult<()> {
    state.as_user(|ledger, actor| ledger.set_consumable_item_active(actor, &item, active))
}

/// A receipt, issue, return or count adjustment; returns its number.
#[tauri::command]
pub async fn post_consumable(state: State<'_, AppState>, request: MoveRequestDto) -> ApiResult<String> {
    state.as_user(|ledger, actor| ledger.post_consumable(actor, &request.into_request()?))
}

/// Voids a movement; returns the void's number.
#[tauri::command]
pub async fn void_consumable(state: State<'_, AppState>, doc_no: String, reason: String) -> ApiResult<String> {
    state.as_user(|ledger, actor| ledger.void_consumable(actor, &doc_no, &reason))
}

#[tauri::command]
pub async fn consumable_moves(state: State<'_, AppState>, query: MoveQueryDto) -> ApiResult<Vec<MoveDto>> {
    let lang = state.lang();
    state.as_user(|ledger, actor| Ok(ledger.consumable_moves(actor, &query.into_query()?)?.into_iter().map(|m| MoveDto::new(m, lang)).collect()))
}

#[tauri::command]
pub async fn consumable_move(state: State<'_, AppState>, doc_no: String) -> ApiResult<MoveDto> {
    let lang = state.lang();
    state.as_user(|ledger, actor| Ok(MoveDto::new(ledger.consumable_move(actor, &doc_no)?, lang)))
}

#[tauri::command]
pub async fn consumable_stats(state: State<'_, AppState>, query: StatsQueryDto) -> ApiResult<StatsDto> {
    state.as_user(|ledger, actor| Ok(ledger.consumable_stats(actor, &query.into_query()?)?.into()))
}

fn budget(ledger: &ledger::Ledger, actor: &ledger::Actor, year: Option<i32>) -> ledger::Result<BudgetDto> {
    let (next_year, today) = ledger.consumable_budget_defaults();
    let year = year.unwrap_or(next_year);
    let (lines, totals) = ledger.consumable_budget(actor, year, today)?;
    Ok(BudgetDto::new(year, today, lines, totals))
}

/// Next year's budget (or `year`'s), forecast from the 12 months up to today.
#[tauri::command]
pub async fn consumable_budget(state: State<'_, AppState>, year: Option<i32>) -> ApiResult<BudgetDto> {
    state.as_user(|ledger, actor| budget(ledger, actor, year))
}

#[tauri::command]
pub async fn set_consumable_budget(state: State<'_, AppState>, year: i32, item: String, qty: String, price: String, note: String) -> ApiResult<BudgetDto> {
    state.as_user(|ledger, actor| {
        ledger.set_consumable_budget(actor, year, &item, &qty, &price, &note)?;
        budget(ledger, actor, Some(year))
    })
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
    let lang = state.lang();
    let en = lang == ledger::Lang::En;
    let (stem, table) = state.as_user(|ledger, actor| {
        Ok(match what.as_str() {
            "moves" => {
                let q = moves.unwrap_or_default().into_query()?;
                (if en { "consumable-movements" } else { "耗材单据" }, exchange::consumable_moves_table(&ledger.consumable_moves(actor, &q)?, lang))
            }
            "stats" => {
                let q = stats.as_ref().map(|s| s.into_query()).transpose()?.unwrap_or_default();
                (if en { "consumption" } else { "耗材领用统计" }, exchange::consumable_stats_table(&ledger.consumable_stats(actor, &q)?, lang))
            }
            "budget" => {
                let (next_year, today) = ledger.consumable_budget_defaults();
                let year = year.unwrap_or(next_year);
                let (lines, totals) = ledger.consumable_budget(actor, year, today)?;
                (if en { "consumable-budget" } else { "耗材采购预算" }, exchange::consumable_budget_table(year, &lines, &totals, lang))
            }
            _ => (if en { "consumable-stock" } else { "耗材库存" }, exchange::consumable_stock_table(&ledger.consumable_stock(actor, text.as_deref().unwrap_or(""))?, lang)),
        })
    })?;
    crate::commands::export::write(&app, &state, stem, stem, table)
}

/// The statistics as shown, as a printable PDF; returns its path.
#[tauri::command]
pub async fn print_consumable_stats(state: State<'_, AppState>, query: StatsQueryDto) -> ApiResult<String> {
    let lang = state.lang();
    let en = lang == ledger::Lang::En;
    state.as_user(|ledger, actor| {
        let stats = ledger.consumable_stats(actor, &query.into_query()?)?;
        let title = format!("{}({})", if en { "Consumption" } else { "耗材领用统计" }, stats.by.label(lang));
        let (columns, cells) = exchange::consumable_stats_table(&stats, lang);
        let rows = cells.len();
        let bytes = reports::render_tables(&ledger.settings()?.org_name, &title, &[(title.clone(), columns, cells)], lang);
        let file = crate::commands::print::save(&state, if en { "consumption" } else { "耗材领用统计" }, bytes)?;
        ledger.record_export(actor, &file, rows)?;
        Ok(file)
    })
}
