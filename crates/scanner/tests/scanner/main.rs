//! The crate's one integration-test binary: real pseudo-terminals, real files.

mod batch_files;
mod framing_props;
// HID-POS: injected reports (there is no /dev/uhid here for a virtual device).
mod hid_pos;
mod support;
mod throughput;

#[cfg(unix)]
mod listen;
#[cfg(unix)]
mod reconnect;
#[cfg(unix)]
mod serial_pty;
