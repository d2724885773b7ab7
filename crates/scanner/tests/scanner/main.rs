//! The crate's one integration-test binary: real pseudo-terminals, real files.

mod batch_files;
mod framing_props;
mod support;

#[cfg(unix)]
mod serial_pty;
#[cfg(unix)]
mod reconnect;
#[cfg(unix)]
mod listen;
