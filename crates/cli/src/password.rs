//! Passwords come from the environment (for scripts and cron) or a terminal prompt.

use std::io::IsTerminal;

use api::{Error, ErrorCode, Result};

fn from_env(var: &str) -> Option<String> {
    std::env::var(var).ok().filter(|p| !p.is_empty())
}

fn prompt(text: &str) -> Result<String> {
    if !std::io::stdin().is_terminal() {
        return Err(Error::new(
            ErrorCode::Unauthenticated,
            "no password: set ASSETDESK_PASSWORD or run on a terminal",
            "缺少密码：请设置环境变量 ASSETDESK_PASSWORD，或在终端中运行",
        ));
    }
    rpassword::prompt_password(text).map_err(Error::from)
}

/// The acting user's password.
pub fn current(user: &str) -> Result<String> {
    match from_env("ASSETDESK_PASSWORD") {
        Some(p) => Ok(p),
        None => prompt(&format!("Password for {user}: ")),
    }
}

/// A new password (for `init` and `user add`), asked twice on a terminal.
pub fn new(env_vars: &[&str], who: &str) -> Result<String> {
    if let Some(p) = env_vars.iter().find_map(|v| from_env(v)) {
        return Ok(p);
    }
    let first = prompt(&format!("New password for {who}: "))?;
    let second = prompt("Repeat it: ")?;
    if first != second {
        return Err(Error::invalid("password", "the two passwords differ", "两次输入的密码不一致"));
    }
    Ok(first)
}
