//! The crate's one integration-test binary: real pseudo-terminals, real files.

mod batch_files;
mod framing_props;
mod support;
mod throughput;

#[cfg(unix)]
mod listen;
#[cfg(unix)]
mod reconnect;
#[cfg(unix)]
mod serial_pty;
