//! HID-POS scanners (usage page 0x8C) for the stocktake screen (issue 19): listed, opened
//! here (so a missing or refused device is an answer, not an event), then read on a
//! thread of their own by the scanner crate's loop; each event goes the serial scanner's
//! way (`stocktake::device_event`: recorded, verdict pushed, unplug pushed).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use api::stocktake::{HidDeviceDto, ScannerStatusDto};
use api::StocktakeId;
use tauri::{AppHandle, State};

use crate::commands::stocktake::{device_event, scan_error, ScannerState};
use crate::error::ApiResult;
use crate::state::AppState;

#[derive(Default)]
pub struct HidState {
    running: Mutex<Option<(Arc<AtomicBool>, JoinHandle<()>)>>,
}

impl HidState {
    fn stop(&self) {
        if let Some((stop, thread)) = self.running.lock().unwrap_or_else(|p| p.into_inner()).take() {
            stop.store(true, Ordering::SeqCst);
            let _ = thread.join();
        }
    }
}

#[tauri::command]
pub async fn list_hid_scanners(state: State<'_, AppState>) -> ApiResult<Vec<HidDeviceDto>> {
    let lang = state.lang();
    let devices = scanner::list_hid_pos().map_err(|e| scan_error(e, lang))?;
    Ok(devices.into_iter().map(|d| HidDeviceDto { label: format!("{} ({})", d.product, d.vid_pid()), id: d.vid_pid() }).collect())
}

/// Opens the HID-POS scanner `device` ("VID:PID") for stocktake `id`.
#[tauri::command]
pub async fn hid_connect(app: AppHandle, state: State<'_, AppState>, scanners: State<'_, ScannerState>, hid: State<'_, HidState>, id: StocktakeId, device: String) -> ApiResult<ScannerStatusDto> {
    let lang = state.lang();
    let (vid, pid) = scanner::parse_vid_pid(&device).map_err(|e| scan_error(e, lang))?;
    hid.stop();
    let mut source = scanner::HidPosScanner::open(vid, pid).map_err(|e| scan_error(e, lang))?;
    let name = format!("HID {}", device.trim());
    // A HID-POS scan is a device scan like a serial one (its source is 'serial').
    let session = state.call(|cx| api::stocktake::begin_scan_session(cx, id, "serial", &name))?;
    let stop = Arc::new(AtomicBool::new(false));
    let options = scanner::ListenOptions { idle_exit: None, stop: stop.clone() };
    let location = scanners.location.clone();
    let port = name.clone();
    let thread = std::thread::Builder::new()
        .name("assetdesk-hid-scanner".into())
        .spawn(move || {
            scanner::hid_listen(&mut source, scanner::FramingOptions::default(), &options, |event| device_event(&app, id, session, &location, &port, event));
        })
        .map_err(|e| crate::error::ApiError::from_core(api::Error::from(e), lang))?;
    *hid.running.lock().unwrap_or_else(|p| p.into_inner()) = Some((stop, thread));
    Ok(ScannerStatusDto { connected: true, port: Some(name), message: None })
}

#[tauri::command]
pub async fn hid_disconnect(hid: State<'_, HidState>) -> ApiResult<ScannerStatusDto> {
    hid.stop();
    Ok(ScannerStatusDto { connected: false, port: None, message: None })
}
