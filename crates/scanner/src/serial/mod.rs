//! Serial (RS-232, USB-CDC/"USB COM") scanners: settings, the background reader,
//! events, and port listing.

mod config;
mod event;
pub(crate) mod port_name;
mod ports;
mod reader;
mod scanner;

pub use config::{
    DataBits, FlowControl, Parity, SerialConfig, StopBits, DEFAULT_BAUD_RATE, DEFAULT_READ_TIMEOUT,
    DEFAULT_RECONNECT_EVERY,
};
pub use event::ScanEvent;
pub use port_name::normalize_port_name;
pub use ports::{list_ports, PortInfo, PortKind};
pub use scanner::SerialScanner;
