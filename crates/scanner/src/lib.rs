//! Scan input for AssetDesk: barcode scanners on a serial port (or USB-serial / CDC),
//! and batch files from PDA / offline scanners. (Keyboard-wedge scanners are told from
//! typing in the UI, `ui/src/lib/wedge.ts`: only the WebView sees their key events.)
//!
//! Invariant: this crate knows nothing of Tauri, SQLite or the ledger. It yields codes
//! (strings); deciding what a code means in a stocktake is the ledger's job.
//!
//! - [`Framer`]: pure, incremental line framing of a scanner's byte stream.
//! - [`check_asset_code`]: the shape every code must have.
//! - [`SerialScanner`]: reads a port on a background thread, with reconnect.
//! - [`listen`]: the blocking loop behind `assetdesk stocktake listen`.
//! - [`parse_batch`] / [`read_batch_file`]: PDA batch files.
//! - [`HidPosScanner`] / [`hid_listen`]: HID-POS scanners (usage page 0x8C) through hidapi.

mod asset_code;
mod batch;
mod error;
mod framing;
// HID-POS scanners (issue 19).
mod hid;
mod listen;
mod serial;

pub use asset_code::{
    check_asset_code, looks_like_asset_code, AssetCodeProblem, MAX_ASSET_CODE_LEN,
};
pub use batch::{
    parse_batch, read_batch_file, BatchEntry, BatchFile, BatchLineError, BatchProblem,
    TextEncoding, MAX_BATCH_FILE_BYTES, MAX_BATCH_LINE_CHARS, MAX_BATCH_QUANTITY,
};
pub use error::ScanError;
pub use framing::{
    preview, strip_aim_id, Frame, Framer, FramingOptions, RejectReason, Terminators,
    DEFAULT_MAX_LINE_BYTES, PREVIEW_BYTES,
};
pub use hid::{
    hid_listen, list_hid_pos, parse_vid_pid, HidPosInfo, HidPosScanner, PosDecoder, PosReport, ReportSource,
    HID_POS_USAGE_PAGE, HID_REPORT_BYTES,
};
pub use listen::{listen, ListenEnd, ListenOptions};
pub use serial::{
    list_ports, normalize_port_name, DataBits, FlowControl, Parity, PortInfo, PortKind, ScanEvent, SerialConfig,
    SerialScanner, StopBits, DEFAULT_BAUD_RATE, DEFAULT_READ_TIMEOUT, DEFAULT_RECONNECT_EVERY,
};
