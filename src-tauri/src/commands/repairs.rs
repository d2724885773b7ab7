//! The 维修 screen (issue 22): repair orders and their steps, the supplier register,
//! maintenance plans, warranties ending, the repair and maintenance report. Each command
//! is one api call; exports go into the export folder.

use api::maintenance::{DoneDto, DoneResultDto, DueDto, EditPlanDto, MaintenancePlanDto, PlanDto, SetActiveDto};
use api::repairs::{
    RepairCostDto, RepairDetailDto, RepairOpenDto, RepairQueryDto, RepairReportDto, RepairReportQueryDto, RepairRowDto, RepairStepDto, RepairStepResultDto,
    ScrapOfferDto,
};
use api::suppliers::{SupplierDto, SupplierInputDto, SupplierPatchDto};
use api::warranty::WarrantyRowDto;
use api::{ExportDto, Lang};
use tauri::State;

use crate::error::ApiResult;
use crate::state::AppState;

#[tauri::command]
pub async fn repair_list(state: State<'_, AppState>, query: RepairQueryDto) -> ApiResult<Vec<RepairRowDto>> {
    state.call(|cx| api::repairs::list(cx, query))
}

#[tauri::command]
pub async fn repair_detail(state: State<'_, AppState>, order: String) -> ApiResult<RepairDetailDto> {
    state.call(|cx| api::repairs::detail(cx, &order))
}

#[tauri::command]
pub async fn repair_open(state: State<'_, AppState>, request: RepairOpenDto) -> ApiResult<RepairStepResultDto> {
    state.call(|cx| api::repairs::open(cx, request))
}

#[tauri::command]
pub async fn repair_accept(state: State<'_, AppState>, step: RepairStepDto) -> ApiResult<RepairStepResultDto> {
    state.call(|cx| api::repairs::accept(cx, step))
}

#[tauri::command]
pub async fn repair_send(state: State<'_, AppState>, step: RepairStepDto) -> ApiResult<RepairStepResultDto> {
    state.call(|cx| api::repairs::send(cx, step))
}

#[tauri::command]
pub async fn repair_complete(state: State<'_, AppState>, step: RepairStepDto) -> ApiResult<RepairStepResultDto> {
    state.call(|cx| api::repairs::complete(cx, step))
}

#[tauri::command]
pub async fn repair_verify(state: State<'_, AppState>, step: RepairStepDto) -> ApiResult<RepairStepResultDto> {
    state.call(|cx| api::repairs::verify(cx, step))
}

#[tauri::command]
pub async fn repair_cost(state: State<'_, AppState>, cost: RepairCostDto) -> ApiResult<RepairStepResultDto> {
    state.call(|cx| api::repairs::cost(cx, cost))
}

#[tauri::command]
pub async fn repair_cannot_fix(state: State<'_, AppState>, step: RepairStepDto) -> ApiResult<ScrapOfferDto> {
    state.call(|cx| api::repairs::cannot_fix(cx, step))
}

fn export_file(state: &AppState, zh: &str, en: &str, ext: &str) -> std::path::PathBuf {
    let stem = if state.lang() == Lang::En { en } else { zh };
    state.export_dir.join(format!("{stem}-{}.{ext}", chrono::Local::now().format("%Y%m%d-%H%M%S")))
}

/// The list as filtered, to an .xlsx in the export folder.
#[tauri::command]
pub async fn repair_export(state: State<'_, AppState>, query: RepairQueryDto) -> ApiResult<ExportDto> {
    let file = export_file(&state, "维修单", "repair-orders", "xlsx");
    state.call(|cx| {
        std::fs::create_dir_all(&state.export_dir)?;
        api::repairs::export_list(cx, query, &file)
    })
}

#[tauri::command]
pub async fn repair_report(state: State<'_, AppState>, query: RepairReportQueryDto) -> ApiResult<RepairReportDto> {
    state.call(|cx| api::repairs::report(cx, query))
}

/// The report to the export folder: `format` is xlsx or pdf.
#[tauri::command]
pub async fn repair_report_export(state: State<'_, AppState>, query: RepairReportQueryDto, format: String) -> ApiResult<ExportDto> {
    let pdf = format == "pdf";
    let file = export_file(&state, "维修保养统计", "repairs-report", if pdf { "pdf" } else { "xlsx" });
    state.call(|cx| {
        std::fs::create_dir_all(&state.export_dir)?;
        if pdf {
            api::repairs::report_pdf(cx, query, &file)
        } else {
            api::repairs::export_report(cx, query, &file)
        }
    })
}

#[tauri::command]
pub async fn supplier_list(state: State<'_, AppState>) -> ApiResult<Vec<SupplierDto>> {
    state.call(api::suppliers::list)
}

#[tauri::command]
pub async fn supplier_add(state: State<'_, AppState>, input: SupplierInputDto) -> ApiResult<()> {
    state.call(|cx| api::suppliers::add(cx, input))
}

#[tauri::command]
pub async fn supplier_edit(state: State<'_, AppState>, name: String, patch: SupplierPatchDto) -> ApiResult<()> {
    state.call(|cx| api::suppliers::edit(cx, &name, patch))
}

#[tauri::command]
pub async fn supplier_set_active(state: State<'_, AppState>, name: String, active: bool) -> ApiResult<()> {
    state.call(|cx| api::suppliers::set_active(cx, &name, active))
}

#[tauri::command]
pub async fn maintenance_plans(state: State<'_, AppState>) -> ApiResult<Vec<PlanDto>> {
    state.call(api::maintenance::plans)
}

#[tauri::command]
pub async fn maintenance_due(state: State<'_, AppState>, within: i64) -> ApiResult<Vec<DueDto>> {
    state.call(|cx| api::maintenance::due(cx, within))
}

#[tauri::command]
pub async fn maintenance_add(state: State<'_, AppState>, plan: MaintenancePlanDto) -> ApiResult<i64> {
    state.call(|cx| api::maintenance::add_plan(cx, plan))
}

#[tauri::command]
pub async fn maintenance_done(state: State<'_, AppState>, done: DoneDto) -> ApiResult<DoneResultDto> {
    state.call(|cx| api::maintenance::done(cx, done))
}

#[tauri::command]
pub async fn maintenance_set_active(state: State<'_, AppState>, request: SetActiveDto) -> ApiResult<()> {
    state.call(|cx| api::maintenance::set_active(cx, request))
}

#[tauri::command]
pub async fn maintenance_edit(state: State<'_, AppState>, request: EditPlanDto) -> ApiResult<PlanDto> {
    state.call(|cx| api::maintenance::edit_plan(cx, request))
}

#[tauri::command]
pub async fn warranty_ending(state: State<'_, AppState>, within: i64) -> ApiResult<Vec<WarrantyRowDto>> {
    state.call(|cx| api::warranty::ending(cx, within))
}
