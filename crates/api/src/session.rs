//! Who calls and on which ledger: what every use case receives.

use std::path::Path;

use ledger::{Actor, Lang, Ledger};

/// The caller's context for one use case: the open ledger, the logged-in actor (only a
/// password login makes one) and the language results are labelled in. Adapters make
/// one per call and cannot reach the ledger through it.
pub struct Ctx<'a> {
    pub(crate) ledger: &'a mut Ledger,
    pub(crate) actor: &'a Actor,
    pub(crate) lang: Lang,
}

impl<'a> Ctx<'a> {
    pub fn new(ledger: &'a mut Ledger, actor: &'a Actor, lang: Lang) -> Ctx<'a> {
        Ctx { ledger, actor, lang }
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }
}

/// A ledger opened and logged in to by one user, for front ends that run one command
/// per process (the CLI).
pub struct Session {
    ledger: Ledger,
    actor: Actor,
}

impl Session {
    /// Opens the ledger in `dir` and proves who acts: `user`, or the ledger's only
    /// administrator when none is named; `password` is asked for that name. Writes no
    /// `login` entry: the command's own audit entry names the user, and a refused command
    /// writes nothing.
    pub fn login(dir: &Path, user: Option<&str>, password: impl FnOnce(&str) -> ledger::Result<String>) -> ledger::Result<Session> {
        let mut ledger = Ledger::open(dir)?;
        let name = match user {
            Some(n) => n.to_string(),
            None => ledger.sole_admin_name()?,
        };
        let pw = password(&name)?;
        let actor = ledger.authenticate(&name, &pw)?;
        Ok(Session { ledger, actor })
    }

    /// What the tamper check found when the ledger was opened, in `lang`.
    pub fn alarms(&self, lang: Lang) -> Vec<String> {
        self.ledger.open_alarms().iter().map(|a| a.message(lang).to_string()).collect()
    }

    pub fn user_name(&self) -> &str {
        &self.actor.name
    }

    pub fn ctx(&mut self, lang: Lang) -> Ctx<'_> {
        Ctx { ledger: &mut self.ledger, actor: &self.actor, lang }
    }
}

/// The logged-in `actor` as the ledger has them now, for a front end that keeps a
/// session across calls (the desktop app) to run before each call: a disabled user or a
/// password reset by an administrator is refused (`unauthenticated`, saying why), and a
/// changed role, department or role permission applies from this call on.
pub fn recheck(ledger: &Ledger, actor: &Actor) -> ledger::Result<Actor> {
    ledger.current_actor(actor)
}
