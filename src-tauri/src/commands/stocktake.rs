//! Stocktake: tasks, scans (keyboard and manual through `stocktake_scan`, serial scanners
//! on a backend thread that pushes `stocktake-scan` / `scanner-status` /
//! `scanner-reject` events, batch files), the report, its export and the close.

use std::sync::{Arc, Mutex};

use api::stocktake::{
    CloseDto, PortDto, ScanOutcomeDto, ScanRequest, ScanRowDto, ScannerRejectDto, ScannerStatusDto, SerialConfigDto, StocktakeDto, StocktakeInputDto,
    StocktakeReportDto,
};
use api::{ExportDto, Lang, StocktakeId};
use tauri::{AppHandle, Emitter, Manager, State};

use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// The serial scanner feeding a stocktake, if one is connected.
#[derive(Default)]
pub struct ScannerState {
    running: Mutex<Option<Running>>,
    /// The location being counted, read by the reader thread for every scan.
    pub(crate) location: Arc<Mutex<String>>,
}

struct Running {
    scanner: scanner::SerialScanner,
    stocktake: StocktakeId,
}

pub(crate) fn scan_error(e: scanner::ScanError, lang: Lang) -> ApiError {
    ApiError { code: e.code(), message: if lang == Lang::En { e.message_en() } else { e.message_zh() }, fields: vec!["port".into()] }
}

#[tauri::command]
pub async fn list_stocktakes(state: State<'_, AppState>) -> ApiResult<Vec<StocktakeDto>> {
    state.call(api::stocktake::list)
}

#[tauri::command]
pub async fn create_stocktake(state: State<'_, AppState>, input: StocktakeInputDto, start: bool) -> ApiResult<StocktakeDto> {
    state.call(|cx| api::stocktake::create(cx, input, start))
}

#[tauri::command]
pub async fn start_stocktake(state: State<'_, AppState>, id: StocktakeId) -> ApiResult<StocktakeDto> {
    state.call(|cx| api::stocktake::start(cx, id))
}

#[tauri::command]
pub async fn get_stocktake(state: State<'_, AppState>, id: StocktakeId) -> ApiResult<StocktakeDto> {
    state.call(|cx| api::stocktake::get(cx, id))
}

/// Opens a scanning session (the scanning screen opened on this computer); returns its id.
#[tauri::command]
pub async fn begin_scan_session(state: State<'_, AppState>, id: StocktakeId, source: String, device: String) -> ApiResult<i64> {
    state.call(|cx| api::stocktake::begin_scan_session(cx, id, &source, &device))
}

/// A keyboard-wedge or typed scan; answers its verdict at once.
#[tauri::command]
pub async fn stocktake_scan(state: State<'_, AppState>, id: StocktakeId, code: String, source: String, location: String, session: Option<i64>) -> ApiResult<ScanOutcomeDto> {
    state.call(|cx| api::stocktake::scan(cx, id, ScanRequest { code, source, location, session }))
}

#[tauri::command]
pub async fn recent_scans(state: State<'_, AppState>, id: StocktakeId, limit: i64) -> ApiResult<Vec<ScanRowDto>> {
    state.call(|cx| api::stocktake::recent_scans(cx, id, limit))
}

#[tauri::command]
pub async fn stocktake_report(state: State<'_, AppState>, id: StocktakeId) -> ApiResult<StocktakeReportDto> {
    state.call(|cx| api::stocktake::report(cx, id))
}

#[tauri::command]
pub async fn close_stocktake(state: State<'_, AppState>, scanners: State<'_, ScannerState>, id: StocktakeId, unreviewed: Option<String>) -> ApiResult<CloseDto> {
    let mut running = scanners.running.lock().unwrap_or_else(|p| p.into_inner());
    if running.as_ref().is_some_and(|r| r.stocktake == id) {
        if let Some(r) = running.take() {
            r.scanner.stop();
        }
    }
    drop(running);
    state.call(|cx| api::stocktake::close(cx, id, unreviewed.as_deref().unwrap_or_default()))
}

/// Writes the report (盘盈/盘亏/差异 statistics and the difference details) to an .xlsx
/// in the export folder.
#[tauri::command]
pub async fn export_stocktake(state: State<'_, AppState>, id: StocktakeId) -> ApiResult<ExportDto> {
    let stem = if state.lang() == Lang::En { "stocktake" } else { "盘点报告" };
    let file = state.export_dir.join(format!("{stem}-{}-{}.xlsx", id.0, chrono::Local::now().format("%Y%m%d-%H%M%S")));
    state.call(|cx| {
        std::fs::create_dir_all(&state.export_dir)?;
        api::stocktake::export_report(cx, id, &file)
    })
}

/// One event of a device scanner (serial, or HID-POS in `commands/hid.rs`), on its reader
/// thread: a scan is recorded in stocktake `id` and its verdict pushed to the window; a
/// refusal, an unplug and a replug are pushed as they happen.
pub(crate) fn device_event(handle: &AppHandle, id: StocktakeId, session: i64, location: &Mutex<String>, port: &str, event: scanner::ScanEvent) {
    let state = handle.state::<AppState>();
    let lang = state.lang();
    match event {
        scanner::ScanEvent::Scan { code, .. } => {
            let location = location.lock().map(|l| l.clone()).unwrap_or_default();
            let request = ScanRequest { code: code.clone(), source: "serial".into(), location, session: Some(session) };
            match state.call(|cx| api::stocktake::scan(cx, id, request)) {
                Ok(outcome) => {
                    let _ = handle.emit("stocktake-scan", outcome);
                }
                Err(e) => {
                    let _ = handle.emit("scanner-reject", ScannerRejectDto { raw: code, reason: e.code, message: e.message });
                }
            }
        }
        scanner::ScanEvent::Rejected { raw_preview, reason } => {
            let message = if lang == Lang::En { reason.message_en() } else { reason.message_zh() };
            let _ = handle.emit("scanner-reject", ScannerRejectDto { raw: raw_preview, reason: reason.code(), message });
        }
        scanner::ScanEvent::Disconnected { error } => {
            let message = if lang == Lang::En { error.message_en() } else { error.message_zh() };
            let _ = handle.emit("scanner-status", ScannerStatusDto { connected: false, port: Some(port.to_string()), message: Some(message) });
        }
        scanner::ScanEvent::Reconnected => {
            let _ = handle.emit("scanner-status", ScannerStatusDto { connected: true, port: Some(port.to_string()), message: None });
        }
    }
}

/// Ports the OS knows of (USB scanners in COM/CDC mode). Ptys are not listed: the
/// panel lets the clerk type a path too.
#[tauri::command]
pub async fn list_serial_ports(state: State<'_, AppState>) -> ApiResult<Vec<PortDto>> {
    let lang = state.lang();
    let ports = scanner::list_ports().map_err(|e| scan_error(e, lang))?;
    Ok(ports.into_iter().map(|p| PortDto { label: p.label(), path: p.path }).collect())
}

/// Opens a serial scanner for a stocktake. Its reader thread records every scan and
/// pushes the verdict to the window; an unplug is pushed at once and the same path is
/// retried every second, so plugging it back in resumes.
#[tauri::command]
pub async fn serial_connect(app: AppHandle, state: State<'_, AppState>, scanners: State<'_, ScannerState>, id: StocktakeId, config: SerialConfigDto) -> ApiResult<ScannerStatusDto> {
    let lang = state.lang();
    let path = config.path.trim().to_string();
    let session = state.call(|cx| api::stocktake::begin_scan_session(cx, id, "serial", &path))?;
    *scanners.location.lock().unwrap_or_else(|p| p.into_inner()) = config.location.clone();
    let framing = scanner::FramingOptions {
        terminators: scanner::Terminators { cr: config.cr, lf: config.lf, tab: config.tab },
        prefix: config.prefix.clone(),
        suffix: config.suffix.clone(),
        strip_aim_id: config.strip_aim_id,
        ..Default::default()
    };
    let serial = scanner::SerialConfig::new(path.as_str()).baud_rate(config.baud).framing(framing);
    serial.validate().map_err(|e| scan_error(e, lang))?;
    let mut running = scanners.running.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(old) = running.take() {
        old.scanner.stop();
    }
    let location = scanners.location.clone();
    let handle = app.clone();
    let port = path.clone();
    let scanner = scanner::SerialScanner::open_with_handler(serial, move |event| device_event(&handle, id, session, &location, &port, event))
    .map_err(|e| scan_error(e, lang))?;
    *running = Some(Running { scanner, stocktake: id });
    Ok(ScannerStatusDto { connected: true, port: Some(path), message: None })
}

#[tauri::command]
pub async fn serial_disconnect(scanners: State<'_, ScannerState>) -> ApiResult<ScannerStatusDto> {
    if let Some(r) = scanners.running.lock().unwrap_or_else(|p| p.into_inner()).take() {
        r.scanner.stop();
    }
    Ok(ScannerStatusDto { connected: false, port: None, message: None })
}

/// The location being counted, for scans from the serial scanner from now on.
#[tauri::command]
pub async fn set_scan_location(scanners: State<'_, ScannerState>, location: String) -> ApiResult<()> {
    *scanners.location.lock().unwrap_or_else(|p| p.into_inner()) = location;
    Ok(())
}
