//! What the shell keeps between commands: the window's session (`api::Desk`: the open
//! ledger, who is logged in, the UI language) and the app's own flags. One lock;
//! commands hold it only while the core works.

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::{Condvar, Mutex};
use std::time::Instant;

use api::{Desk, Lang};

use crate::error::{ApiError, ApiResult};

pub struct AppState {
    pub data_dir: PathBuf,
    /// Where exports are written (`--export-dir`, `ASSETDESK_EXPORT_DIR`, else Documents/AssetDesk).
    pub export_dir: PathBuf,
    pub session: Mutex<Desk>,
    pub cancel_export: AtomicBool,
    /// Set by the import wizard's cancel button; read between rows without the session lock.
    pub cancel_import: AtomicBool,
    /// The file the import wizard is working on: (name, bytes).
    pub import_upload: Mutex<Option<(String, Vec<u8>)>>,
    /// Set when another instance already has this ledger open.
    pub instance_error: Option<String>,
    /// The hub's background sync (issue 24, hub_sync.rs).
    pub hub: HubSync,
}

/// What the hub's sync thread shares with the commands: the indicator's last state, the
/// wake-up after a clerk's work, and the one-round-at-a-time gate.
#[derive(Default)]
pub struct HubSync {
    current: Mutex<Option<api::hub::HubSyncStateDto>>,
    /// (poked, a round wanted now: after a join or 立即同步).
    poked: Mutex<(bool, bool)>,
    wake: Condvar,
    /// Held for a whole round (push and pull), a join, a retry or a verify: two of them at
    /// once on one desk would race to apply the same pulled document.
    pub round: Mutex<()>,
}

impl HubSync {
    pub fn current(&self) -> Option<api::hub::HubSyncStateDto> {
        self.current.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Stores `s`; true when it differs from what the indicator shows.
    pub fn set(&self, s: Option<api::hub::HubSyncStateDto>) -> bool {
        let mut current = self.current.lock().unwrap_or_else(|p| p.into_inner());
        let changed = *current != s;
        *current = s;
        changed
    }

    /// Something may have changed (a clerk's call); `round`: sync now.
    pub fn poke(&self, round: bool) {
        let mut p = self.poked.lock().unwrap_or_else(|p| p.into_inner());
        p.0 = true;
        p.1 |= round;
        self.wake.notify_one();
    }

    /// Waits until poked or `until`; returns (poked, round wanted).
    pub fn wait(&self, until: Instant) -> (bool, bool) {
        let mut p = self.poked.lock().unwrap_or_else(|p| p.into_inner());
        while !p.0 {
            let now = Instant::now();
            if now >= until {
                break;
            }
            p = self.wake.wait_timeout(p, until - now).unwrap_or_else(|e| e.into_inner()).0;
        }
        std::mem::take(&mut *p)
    }
}

impl AppState {
    pub fn new(data_dir: PathBuf, export_dir: PathBuf) -> AppState {
        AppState { data_dir, export_dir, session: Mutex::new(Desk::default()), cancel_export: AtomicBool::new(false), cancel_import: AtomicBool::new(false), import_upload: Mutex::new(None), instance_error: None, hub: HubSync::default() }
    }

    pub fn lang(&self) -> Lang {
        self.session.lock().map(|s| s.lang()).unwrap_or_default()
    }

    /// Runs `f` with the session locked; core errors come back in the UI language.
    pub fn with_session<T>(&self, f: impl FnOnce(&mut Desk) -> api::Result<T>) -> ApiResult<T> {
        let mut session = self.session.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let result = f(&mut session);
        let lang = session.lang();
        result.map_err(|e| ApiError::from_core(e, lang))
    }

    /// Runs one use case of the api crate as the logged-in user on the open ledger: what
    /// every command does (parse, `state.call(|cx| api::…(cx, request))`, render).
    pub fn call<T>(&self, f: impl FnOnce(&mut api::Ctx) -> api::Result<T>) -> ApiResult<T> {
        let result = self.with_session(|desk| desk.call(f));
        // The clerk may have posted: the hub's sync thread recounts what waits to go up
        // (and pushes it when the hub is there).
        if result.is_ok() {
            self.hub.poke(false);
        }
        result
    }

    /// Runs a hub use case that waits on the network (join, retry, verify, a round)
    /// beside the session rather than in it: the session's lock is held only to read
    /// who is logged in, so the clerk's own work never waits for the hub.
    pub fn side_call<T>(&self, f: impl FnOnce(&mut api::Ctx) -> api::Result<T>) -> ApiResult<T> {
        let side = self.with_session(|desk| desk.side_session())?;
        let _round = self.hub.round.lock().unwrap_or_else(|p| p.into_inner());
        side.call(f).map_err(|e| ApiError::from_core(e, side.lang()))
    }

    /// One step of a long use case (`api::export::Steps`): the session locked for that step only.
    pub fn step(&self, f: &mut dyn FnMut(&mut api::Ctx) -> api::Result<()>) -> api::Result<()> {
        self.session.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).call(f)
    }
}
