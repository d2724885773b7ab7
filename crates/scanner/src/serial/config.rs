//! Settings for opening a serial scanner. Defaults match a factory-fresh scanner in
//! serial (RS-232 / USB-CDC) mode: 9600 baud, 8 data bits, no parity, 1 stop bit.

use std::time::Duration;

pub use serialport::{DataBits, FlowControl, Parity, StopBits};

use crate::{FramingOptions, ScanError};

/// How to open a port and cut its bytes into scans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SerialConfig {
    /// e.g. `/dev/ttyACM0`, `/dev/ttyUSB0`, `COM3`, or a pty path. Ptys are not listed
    /// by [`crate::list_ports`], so the UI lets the user type a path too.
    pub path: String,
    pub baud_rate: u32,
    pub data_bits: DataBits,
    pub parity: Parity,
    pub stop_bits: StopBits,
    pub flow_control: FlowControl,
    pub framing: FramingOptions,
    /// How long one read waits for bytes. It bounds how fast `stop` is honoured.
    pub read_timeout: Duration,
    /// After a disconnect, retry opening the same path this often; `None` gives up.
    pub reconnect_every: Option<Duration>,
}

pub const DEFAULT_BAUD_RATE: u32 = 9600;
pub const DEFAULT_READ_TIMEOUT: Duration = Duration::from_millis(50);
pub const DEFAULT_RECONNECT_EVERY: Duration = Duration::from_secs(1);

impl SerialConfig {
    /// 9600 8N1, no flow control, default framing, reconnect every second. The path
    /// is taken as typed: `com3`, `COM3:`, `\\.\COM10` or full-width `ＣＯＭ３` all
    /// name a COM port (see [`crate::normalize_port_name`]).
    pub fn new(path: impl Into<String>) -> Self {
        SerialConfig {
            path: super::normalize_port_name(&path.into()),
            baud_rate: DEFAULT_BAUD_RATE,
            data_bits: DataBits::Eight,
            parity: Parity::None,
            stop_bits: StopBits::One,
            flow_control: FlowControl::None,
            framing: FramingOptions::default(),
            read_timeout: DEFAULT_READ_TIMEOUT,
            reconnect_every: Some(DEFAULT_RECONNECT_EVERY),
        }
    }

    pub fn baud_rate(mut self, baud_rate: u32) -> Self {
        self.baud_rate = baud_rate;
        self
    }

    pub fn framing(mut self, framing: FramingOptions) -> Self {
        self.framing = framing;
        self
    }

    pub fn reconnect_every(mut self, interval: Option<Duration>) -> Self {
        self.reconnect_every = interval;
        self
    }

    pub fn validate(&self) -> Result<(), ScanError> {
        let invalid = |detail: &str| {
            Err(ScanError::InvalidConfig {
                detail: detail.into(),
            })
        };
        if self.path.trim().is_empty() {
            return invalid("the port path is empty");
        }
        if self.baud_rate == 0 {
            return invalid("the baud rate must be above 0");
        }
        if self.read_timeout.is_zero() || self.read_timeout > Duration::from_secs(1) {
            return invalid("the read timeout must be between 1 ms and 1 s");
        }
        if self.reconnect_every.is_some_and(|every| every.is_zero()) {
            return invalid("the reconnect interval must be above 0");
        }
        self.framing.validate()
    }

    /// Opens the port with these settings.
    pub(crate) fn open_port(&self) -> Result<Box<dyn serialport::SerialPort>, ScanError> {
        serialport::new(&self.path, self.baud_rate)
            .data_bits(self.data_bits)
            .parity(self.parity)
            .stop_bits(self.stop_bits)
            .flow_control(self.flow_control)
            .timeout(self.read_timeout)
            .open()
            .map_err(|err| ScanError::from_open(&self.path, err))
    }
}
