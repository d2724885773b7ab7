//! The hub's background sync (issue 24, docs/hub.md "The app"): a thread that, while a
//! user is logged in on a desk that joined a hub, runs a round (`api::hub::background`)
//! every `hub.sync_seconds` and soon after the clerk posts, and tells the UI when the
//! indicator's state changes (event `hub-sync`). A round runs beside the session
//! (`AppState::side_call`): the window's lock is taken only to read who is logged in and
//! to recount, never while the hub is being waited on. With the hub down the round fails
//! fast or within the 5 s connect timeout, the state says offline with the count to push,
//! and the next try backs off: 2, 4, 8 … seconds up to the interval. No dialog.

use std::time::{Duration, Instant};

use api::hub::HubSyncStateDto;
use tauri::{AppHandle, Emitter, Manager};

use crate::state::AppState;

/// Tells the UI, when the state changed.
pub fn publish(app: &AppHandle, s: Option<HubSyncStateDto>) {
    let state = app.state::<AppState>();
    if state.hub.set(s.clone()) {
        if let Some(s) = s {
            let _ = app.emit("hub-sync", s);
        }
    }
}

/// One round now, on the caller's thread; publishes and returns the new state.
pub fn round(app: &AppHandle) -> crate::error::ApiResult<HubSyncStateDto> {
    let state = app.state::<AppState>();
    if let Some(last) = state.hub.current() {
        publish(app, Some(last.syncing()));
    }
    let result = state.side_call(api::hub::background);
    match &result {
        Ok(s) => publish(app, Some(s.clone())),
        // Not a hub failure (those are a state): the session ended, the ledger went away.
        Err(_) => {
            if let Some(last) = state.hub.current() {
                publish(app, Some(HubSyncStateDto { state: if last.state == "syncing" { "error".into() } else { last.state.clone() }, ..last }));
            }
        }
    }
    result
}

fn backoff(failures: u32, interval: Duration) -> Duration {
    Duration::from_secs(2u64.saturating_pow(failures.min(12))).min(interval)
}

pub fn start(app: AppHandle) {
    std::thread::Builder::new()
        .name("assetdesk-hub-sync".into())
        .spawn(move || {
            let state = app.state::<AppState>();
            let mut failures = 0u32;
            let mut next_round = Instant::now();
            loop {
                let (_poked, wanted) = state.hub.wait(next_round);
                let last = state.hub.current();
                let last_state = last.as_ref().map(|s| s.state.clone());
                // The counts from the ledger alone, under the session's lock for a moment
                // (not `state.call`: that would poke this thread again).
                let fresh = state.with_session(|desk| desk.call(|cx| api::hub::sync_state(cx, last_state.as_deref())));
                let Ok(fresh) = fresh else {
                    // Nobody logged in (or no ledger): idle until a call pokes.
                    publish(&app, None);
                    next_round = Instant::now() + Duration::from_secs(3600);
                    continue;
                };
                let interval = Duration::from_secs(fresh.interval_seconds.into());
                if fresh.state == "not_joined" {
                    publish(&app, Some(fresh));
                    failures = 0;
                    next_round = Instant::now() + interval;
                    continue;
                }
                // The clerk posted something new while the hub was answering: push it now.
                let posted = failures == 0 && last.as_ref().is_some_and(|l| fresh.to_push > l.to_push);
                let just_joined = last.as_ref().is_none_or(|l| l.state == "not_joined");
                if !(wanted || posted || just_joined || Instant::now() >= next_round) {
                    // Keep "syncing" while a round of a command runs; else show the recount.
                    if last_state.as_deref() != Some("syncing") {
                        publish(&app, Some(fresh));
                    }
                    continue;
                }
                match round(&app) {
                    Ok(s) if s.state == "offline" || s.state == "error" => failures += 1,
                    Ok(_) => failures = 0,
                    Err(_) => failures += 1,
                }
                next_round = Instant::now() + if failures == 0 { interval } else { backoff(failures, interval) };
            }
        })
        .expect("start the hub sync thread");
}

#[cfg(test)]
mod tests {
    #[test]
    fn offline_retries_back_off_up_to_the_interval() {
        let minute = std::time::Duration::from_secs(60);
        let waits: Vec<u64> = (1..=7).map(|n| super::backoff(n, minute).as_secs()).collect();
        assert_eq!(waits, [2, 4, 8, 16, 32, 60, 60]);
    }
}
