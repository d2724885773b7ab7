//! `assetdesk user ...`: users and roles, through the api crate (issue 20).

use api::users::{NewUserDto, UserChangeDto, UserDto};
use api::Result;
use clap::Subcommand;
use serde_json::{json, Value};

use crate::args::Cli;
use crate::output::Output;
use crate::password;
use crate::session::login;

#[derive(Subcommand, Debug)]
pub enum UserCommand {
    /// Add a user (password from $ASSETDESK_NEW_PASSWORD or a prompt).
    Add {
        name: String,
        #[arg(long, value_parser = ["admin", "power", "normal"])]
        role: String,
        #[arg(long, value_name = "DEPT")]
        dept: Option<String>,
    },
    /// List users (disabled ones too).
    List,
    /// What each role may do (defaults and adjustments).
    Roles,
    /// Allow a function to the power or normal role.
    Grant {
        #[arg(value_parser = ["power", "normal"])]
        role: String,
        permission: String,
    },
    /// Forbid a function to the power or normal role.
    Revoke {
        #[arg(value_parser = ["power", "normal"])]
        role: String,
        permission: String,
    },
    /// Set a password: your own (asks the current one), or as an administrator another
    /// user's (new password from $ASSETDESK_NEW_PASSWORD or a prompt).
    Password { name: String },
    /// An administrator sets a temporary password for a user who forgot theirs
    /// (new password from $ASSETDESK_NEW_PASSWORD or a prompt).
    ResetPassword { name: String },
    /// Disable a user: they can no longer log in; documents and the audit log keep the name.
    Disable { name: String },
    /// Enable a disabled user again.
    Enable { name: String },
    /// Give a user another role (the last active administrator keeps theirs).
    SetRole {
        name: String,
        #[arg(value_parser = ["admin", "power", "normal"])]
        role: String,
    },
    /// Move a user to another department (created if new); --clear for none.
    SetDepartment {
        name: String,
        #[arg(value_name = "DEPT", required_unless_present = "clear")]
        dept: Option<String>,
        #[arg(long, conflicts_with = "dept")]
        clear: bool,
    },
}

fn user_json(u: &UserDto) -> Value {
    json!({"name": u.name, "role": u.role, "dept": u.dept, "active": u.active})
}

fn change(name: &str, change: &str, value: &str) -> UserChangeDto {
    UserChangeDto { user: name.to_string(), change: change.to_string(), value: value.to_string() }
}

pub fn user(cli: &Cli, out: &Output, cmd: &UserCommand) -> Result<()> {
    let mut session = login(cli)?;
    let cx = &mut session.ctx(out.lang);
    match cmd {
        UserCommand::Add { name, role, dept } => {
            let password = password::new(&["ASSETDESK_NEW_PASSWORD"], name)?;
            let u = api::users::add(cx, NewUserDto { name: name.clone(), role: role.clone(), dept: dept.clone(), password })?;
            out.result(json!({"user": u.name, "role": u.role}), || format!("added user {} ({})", u.name, u.role));
        }
        UserCommand::Roles => {
            let matrix = api::users::role_permissions(cx)?;
            let value: Vec<Value> =
                matrix.iter().map(|m| json!({"role": m.role, "permission": m.permission, "allowed": m.allowed, "default": m.default})).collect();
            out.result(Value::Array(value), || {
                matrix
                    .iter()
                    .map(|m| format!("{}\t{}\t{}{}", m.role, m.permission, if m.allowed { "yes" } else { "no" }, if m.allowed != m.default { " (adjusted)" } else { "" }))
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        UserCommand::Grant { role, permission } | UserCommand::Revoke { role, permission } => {
            let allowed = matches!(cmd, UserCommand::Grant { .. });
            api::users::set_role_permission(cx, role, permission, allowed)?;
            out.result(json!({"role": role, "permission": permission, "allowed": allowed}), || format!("{role}: {permission} {}", if allowed { "allowed" } else { "forbidden" }));
        }
        UserCommand::Password { name } => {
            let new = password::new(&["ASSETDESK_NEW_PASSWORD"], name)?;
            if *name == api::users::current_user(cx) {
                let current = password::current(name)?;
                api::users::change_password(cx, &current, &new)?;
            } else {
                api::users::reset_password(cx, name, &new)?;
            }
            out.result(json!({"user": name}), || format!("password of {name} set"));
        }
        UserCommand::ResetPassword { name } => {
            let new = password::new(&["ASSETDESK_NEW_PASSWORD"], name)?;
            api::users::reset_password(cx, name, &new)?;
            out.result(json!({"user": name}), || format!("password of {name} reset"));
        }
        UserCommand::List => {
            let users = api::users::list(cx)?;
            out.result(Value::Array(users.iter().map(user_json).collect()), || {
                users
                    .iter()
                    .map(|u| format!("{}\t{}\t{}{}", u.name, u.role, u.dept.as_deref().unwrap_or("-"), if u.active { "" } else { "\t(inactive)" }))
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        UserCommand::Disable { name } | UserCommand::Enable { name } => {
            let verb = if matches!(cmd, UserCommand::Disable { .. }) { "disable" } else { "enable" };
            let u = api::users::change(cx, change(name, verb, ""))?;
            out.result(user_json(&u), || format!("{} {}", u.name, if u.active { "enabled" } else { "disabled" }));
        }
        UserCommand::SetRole { name, role } => {
            let u = api::users::change(cx, change(name, "role", role))?;
            out.result(user_json(&u), || format!("{} is now {}", u.name, u.role));
        }
        UserCommand::SetDepartment { name, dept, clear } => {
            let dept = if *clear { String::new() } else { dept.clone().unwrap_or_default() };
            let u = api::users::change(cx, change(name, "dept", &dept))?;
            out.result(user_json(&u), || format!("{} is in {}", u.name, u.dept.as_deref().unwrap_or("-")));
        }
    }
    Ok(())
}
