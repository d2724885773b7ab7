//! Work the app does by itself while it runs: the scheduled backup. Checked once a
//! minute on a background thread; the result is announced to the UI as an event.

use std::time::Duration;

use tauri::{AppHandle, Emitter, Manager};

use crate::state::AppState;

pub fn start(app: AppHandle) {
    std::thread::Builder::new()
        .name("assetdesk-scheduler".into())
        .spawn(move || loop {
            std::thread::sleep(Duration::from_secs(60));
            let state = app.state::<AppState>();
            let result = state.with_session(|desk| desk.scheduled_backup_if_due(chrono::Local::now().naive_local()));
            match result {
                Ok(Some(file)) => {
                    let _ = app.emit("backup-done", file.display().to_string());
                }
                Ok(None) => {}
                Err(e) => {
                    let _ = app.emit("backup-failed", e.message);
                }
            }
        })
        .expect("start the scheduler thread");
}
