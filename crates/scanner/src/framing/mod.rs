//! Line framing: cutting the bytes a scanner sends into scans. Pure and incremental,
//! so the serial reader, tests and benchmarks share it.

mod clean;
mod framer;
mod options;
mod reject;

pub use clean::strip_aim_id;
pub use framer::{Frame, Framer};
pub use options::{FramingOptions, Terminators, DEFAULT_MAX_LINE_BYTES};
pub use reject::{preview, RejectReason, PREVIEW_BYTES};
