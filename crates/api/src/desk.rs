//! The desktop app's session (issue 23): the shell keeps one [`Desk`] for its window —
//! the open ledger, who is logged in, the UI language and why a session ended — and
//! every door through it: first run, login, logout, the language, the status the UI
//! shows, `call` for every use case (the user re-read each time, issue 20), closing and
//! reopening around a restore, and the scheduled backup.

use std::path::{Path, PathBuf};

use ledger::{Actor, Error, ErrorCode, Lang, Ledger, Permission, SetupInput};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Ctx, Result};

/// Who is logged in, as the UI shows them.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "SessionUser")]
pub struct SessionUserDto {
    pub name: String,
    #[ts(type = "'admin' | 'power' | 'normal'")]
    pub role: &'static str,
    #[ts(type = "number | null")]
    pub dept_id: Option<i64>,
}

/// Where the app stands: set up or not, who is logged in and what they may do.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(rename = "AppStatus")]
pub struct AppStatusDto {
    pub initialized: bool,
    pub data_dir: String,
    pub org_name: String,
    pub lang: &'static str,
    pub user: Option<SessionUserDto>,
    pub permissions: Vec<&'static str>,
    /// Days since the last backup (None: never).
    #[ts(type = "number | null")]
    pub backup_age_days: Option<i64>,
    /// Lock the screen after this many idle minutes (0: never).
    pub lock_minutes: u32,
    /// What the tamper check found when the ledger was opened (issue 26), in the UI language.
    pub audit_alarms: Vec<String>,
}

/// The first-run form.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(rename = "SetupRequest")]
pub struct SetupDto {
    pub org_name: String,
    pub admin_name: String,
    pub admin_password: String,
    pub lang: String,
    /// enterprise | government (issue 21); empty keeps enterprise.
    #[serde(default)]
    #[ts(optional, as = "Option<String>")]
    pub regime: String,
}

/// A new ledger in `dir` with its first administrator, and its accounting regime when
/// one is named (checked before anything is created).
fn create(dir: &Path, setup: &SetupInput, regime: &str) -> Result<(Ledger, Actor)> {
    let regime = Some(regime.trim()).filter(|r| !r.is_empty()).map(ledger::Regime::parse).transpose()?;
    let (mut ledger, actor) = Ledger::create(dir, setup)?;
    if let Some(regime) = regime {
        ledger.set_accounting_regime(&actor, regime)?;
    }
    Ok((ledger, actor))
}

/// `assetdesk init`: a new ledger in `dir` for organisation `org` with administrator
/// `admin`, and `regime` when given; returns the ledger file.
pub fn init(dir: &Path, org: &str, admin: &str, password: String, regime: Option<&str>) -> Result<PathBuf> {
    let setup = SetupInput { org_name: org.to_string(), admin_name: admin.to_string(), admin_password: password, language: None };
    let (ledger, _) = create(dir, &setup, regime.unwrap_or(""))?;
    Ok(Ledger::file_in(ledger.dir()))
}

/// The window's session.
#[derive(Default)]
pub struct Desk {
    ledger: Option<Ledger>,
    actor: Option<Actor>,
    lang: Lang,
    /// Why the backend ended the session (the user was disabled, their password reset):
    /// every call until the next login or logout says so, not merely "please log in", so
    /// the UI shows the reason whichever of its calls came first.
    ended: Option<Error>,
}

fn no_ledger() -> Error {
    Error::new(ErrorCode::NotInitialized, "no ledger is open", "没有打开的台账")
}

impl Desk {
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Opens the ledger in `dir` when there is one and none is open yet (its language
    /// becomes the session's); true when it was opened now. A damaged header or schema
    /// is refused here (`damaged_ledger`).
    pub fn open_existing(&mut self, dir: &Path) -> Result<bool> {
        if self.ledger.is_some() || !Ledger::exists(dir) {
            return Ok(false);
        }
        let ledger = Ledger::open(dir)?;
        self.lang = ledger.settings()?.language;
        self.ledger = Some(ledger);
        Ok(true)
    }

    /// Creates the ledger in `dir` from the first-run form; its administrator is logged in.
    pub fn setup(&mut self, dir: &Path, input: SetupDto) -> Result<()> {
        let lang = Lang::parse(&input.lang);
        self.lang = lang;
        let setup = SetupInput { org_name: input.org_name, admin_name: input.admin_name, admin_password: input.admin_password, language: Some(lang) };
        let (ledger, actor) = create(dir, &setup, &input.regime)?;
        self.ledger = Some(ledger);
        self.actor = Some(actor);
        self.ended = None;
        Ok(())
    }

    pub fn login(&mut self, name: &str, password: &str) -> Result<()> {
        let ledger = self.ledger.as_mut().ok_or_else(no_ledger)?;
        self.actor = Some(ledger.login(name, password)?);
        self.ended = None;
        Ok(())
    }

    /// 退出登录 (also the first half of 切换用户): nobody is logged in.
    pub fn logout(&mut self) {
        self.actor = None;
        self.ended = None;
    }

    /// The UI language, also that of error messages from here on; saved as the ledger's
    /// language only for a user who may, as they stand now.
    pub fn set_language(&mut self, lang: &str) -> Result<()> {
        self.lang = Lang::parse(lang);
        self.refresh()?;
        if let (Some(ledger), Some(actor)) = (self.ledger.as_mut(), self.actor.as_ref()) {
            if actor.can(Permission::ManageSettings) {
                let mut settings = ledger.settings()?;
                settings.language = self.lang;
                ledger.update_settings(actor, &settings)?;
            }
        }
        Ok(())
    }

    /// What the UI shows of the session; the user is re-read first (a session that ended
    /// is logged out and the reason returned, as any call would).
    pub fn status(&mut self, data_dir: &Path) -> Result<AppStatusDto> {
        self.refresh()?;
        let lang = self.lang;
        let (org_name, backup_age_days, lock_minutes, audit_alarms) = match &self.ledger {
            Some(l) => (l.settings()?.org_name, l.backup_age_days()?, l.parameters()?.lock_minutes, l.open_alarms().iter().map(|a| a.message(lang).to_string()).collect()),
            None => (String::new(), None, 0, Vec::new()),
        };
        Ok(AppStatusDto {
            initialized: self.ledger.is_some(),
            data_dir: data_dir.display().to_string(),
            org_name,
            lang: lang.as_str(),
            user: self.actor.as_ref().map(|a| SessionUserDto { name: a.name.clone(), role: a.role.as_str(), dept_id: a.dept_id }),
            permissions: self.actor.as_ref().map(|a| Permission::ALL.iter().filter(|p| a.can(**p)).map(|p| p.as_str()).collect()).unwrap_or_default(),
            backup_age_days,
            lock_minutes,
            audit_alarms,
        })
    }

    /// Runs one use case as the logged-in user, read afresh (issue 20): a disabled user
    /// or a password reset ends the session here (the UI returns to the login screen with
    /// the message), and a changed role or permission applies at once.
    pub fn call<T>(&mut self, f: impl FnOnce(&mut Ctx) -> Result<T>) -> Result<T> {
        let lang = self.lang;
        let (ledger, actor) = self.logged_in()?;
        f(&mut Ctx::new(ledger, actor, lang))
    }

    /// The logged-in user (read afresh) and the ledger's folder, for work that must not
    /// hold the window's session while it waits on the network (the hub sync, issue 24):
    /// [`SideSession::call`] runs a use case on a connection of its own to the same file.
    pub fn side_session(&mut self) -> Result<SideSession> {
        let lang = self.lang;
        let (ledger, actor) = self.logged_in()?;
        Ok(SideSession { dir: ledger.dir().to_path_buf(), actor: actor.clone(), lang })
    }

    fn logged_in(&mut self) -> Result<(&mut Ledger, &Actor)> {
        let Desk { ledger, actor, ended, .. } = self;
        let current = actor.as_ref().ok_or_else(|| ended.clone().unwrap_or_else(|| Error::new(ErrorCode::Unauthenticated, "please log in", "请先登录")))?;
        let ledger = ledger.as_mut().ok_or_else(no_ledger)?;
        match crate::session::recheck(ledger, current) {
            Ok(fresh) => Ok((ledger, &*actor.insert(fresh))),
            Err(e) => {
                *actor = None;
                *ended = Some(e.clone());
                Err(e)
            }
        }
    }

    fn refresh(&mut self) -> Result<()> {
        if self.actor.is_some() {
            self.logged_in()?;
        }
        Ok(())
    }

    /// Puts backup `file` in place of the damaged ledger in `dir` and opens it again,
    /// waiting for a login; returns where the damaged file was kept. The damaged file is
    /// let go of first (Windows cannot move an open file).
    pub fn restore_damaged(&mut self, dir: &Path, file: &Path) -> Result<Option<PathBuf>> {
        self.ledger = None;
        self.actor = None;
        let aside = crate::backups::restore_damaged(dir, file)?;
        self.ledger = Some(crate::backups::reopen(dir)?);
        Ok(aside)
    }

    /// The scheduled backup, when one is due (the app checks once a minute); none without a ledger.
    pub fn scheduled_backup_if_due(&mut self, now: chrono::NaiveDateTime) -> Result<Option<PathBuf>> {
        match self.ledger.as_mut() {
            Some(ledger) => ledger.scheduled_backup_if_due(now),
            None => Ok(None),
        }
    }
}

/// A use case run beside the window's session, on a second SQLite connection to the same
/// ledger (as the CLI's `assetdesk hub sync` beside the app): SQLite's own locks order
/// its writes with the window's, each held for one short transaction.
#[derive(Debug, Clone)]
pub struct SideSession {
    dir: PathBuf,
    actor: Actor,
    lang: Lang,
}

impl SideSession {
    /// Opens the ledger afresh (a restore in between is seen) and runs `f` as the user.
    pub fn call<T>(&self, f: impl FnOnce(&mut Ctx) -> Result<T>) -> Result<T> {
        let mut ledger = Ledger::open(&self.dir)?;
        f(&mut Ctx::new(&mut ledger, &self.actor, self.lang))
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }
}
