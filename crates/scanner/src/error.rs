//! The crate's one error type. Each error has a stable snake_case `code()` the UI and
//! CLI can switch on, and its message in both UI languages (zh-CN first).

use std::io;

/// What went wrong opening, reading or listing ports, or reading a batch file.
///
/// `Clone` so it can travel inside [`crate::ScanEvent::Disconnected`]; OS errors are
/// kept as their text (`detail`) for that reason.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScanError {
    #[error("serial port {path} not found")]
    PortNotFound { path: String },
    #[error("serial port {path} is in use by another program (or was just unplugged)")]
    PortBusy { path: String },
    #[error("no permission to open serial port {path}")]
    PermissionDenied { path: String },
    #[error("cannot open serial port {path}: {detail}")]
    Open { path: String, detail: String },
    #[error("serial port {path} disconnected: {detail}")]
    Disconnected { path: String, detail: String },
    #[error("invalid scanner setting: {detail}")]
    InvalidConfig { detail: String },
    #[error("cannot list serial ports: {detail}")]
    ListPorts { detail: String },
    #[error("cannot read file {path}: {detail}")]
    ReadFile { path: String, detail: String },
    /// A HID-POS scanner (`VID:PID`) that is not plugged in, or not in HID-POS mode.
    #[error("no HID-POS barcode scanner {device} is connected (is it in HID-POS mode, not keyboard mode?)")]
    HidNotFound { device: String },
    #[error("HID scanner {device}: {detail}")]
    Hid { device: String, detail: String },
}

impl ScanError {
    /// Stable code for the UI and `--json` output. Never rename one.
    pub fn code(&self) -> &'static str {
        match self {
            ScanError::PortNotFound { .. } => "port_not_found",
            ScanError::PortBusy { .. } => "port_busy",
            ScanError::PermissionDenied { .. } => "permission_denied",
            ScanError::Open { .. } => "port_open_failed",
            ScanError::Disconnected { .. } => "port_disconnected",
            ScanError::InvalidConfig { .. } => "invalid_input",
            ScanError::ListPorts { .. } => "io",
            ScanError::ReadFile { .. } => "io",
            ScanError::HidNotFound { .. } => "port_not_found",
            ScanError::Hid { .. } => "port_open_failed",
        }
    }

    /// The message in English (the same text as `Display`).
    pub fn message_en(&self) -> String {
        self.to_string()
    }

    /// The message in Chinese: what happened, to what, and what to do.
    pub fn message_zh(&self) -> String {
        match self {
            ScanError::PortNotFound { path } => {
                format!("找不到串口 {path}；请检查扫描枪是否已连接，或端口名是否正确")
            }
            ScanError::PortBusy { path } => {
                format!("串口 {path} 正被其他程序占用（或刚被拔出）；请关闭占用它的程序后重试")
            }
            ScanError::PermissionDenied { path } => {
                format!("没有权限打开串口 {path}；请让管理员授予串口访问权限")
            }
            ScanError::Open { path, detail } => format!("无法打开串口 {path}:{detail}"),
            ScanError::Disconnected { path, detail } => {
                format!("串口 {path} 已断开（{detail}）；已扫描的记录均已保留，请重新连接扫描枪")
            }
            ScanError::InvalidConfig { detail } => format!("扫描枪设置无效：{detail}"),
            ScanError::ListPorts { detail } => format!("无法列出串口：{detail}"),
            ScanError::ReadFile { path, detail } => format!("无法读取文件 {path}:{detail}"),
            ScanError::HidNotFound { device } => {
                format!("没有连接 HID-POS 扫描枪 {device}；请检查扫描枪是否已连接并设为 HID-POS 模式（不是键盘模式）")
            }
            ScanError::Hid { device, detail } => format!("HID 扫描枪 {device}:{detail}"),
        }
    }

    /// Maps an error from opening a port to the case the user can act on.
    pub(crate) fn from_open(path: &str, err: serialport::Error) -> Self {
        let path = path.to_string();
        match err.kind() {
            serialport::ErrorKind::Io(io::ErrorKind::NotFound) => ScanError::PortNotFound { path },
            serialport::ErrorKind::Io(io::ErrorKind::PermissionDenied) => {
                ScanError::PermissionDenied { path }
            }
            // On Windows a missing port is NoDevice too: ask the OS which ports exist.
            #[cfg(windows)]
            serialport::ErrorKind::NoDevice => {
                let listed: Vec<String> = serialport::available_ports()
                    .map(|ports| ports.into_iter().map(|p| p.port_name).collect())
                    .unwrap_or_default();
                crate::serial::port_name::busy_or_missing(&path, &listed)
            }
            // serialport reports EBUSY (TIOCEXCL) and a held flock as NoDevice.
            #[cfg(not(windows))]
            serialport::ErrorKind::NoDevice => ScanError::PortBusy { path },
            serialport::ErrorKind::InvalidInput => ScanError::InvalidConfig {
                detail: err.description,
            },
            _ => ScanError::Open {
                path,
                detail: err.description,
            },
        }
    }

    pub(crate) fn disconnected(path: &str, err: &io::Error) -> Self {
        ScanError::Disconnected {
            path: path.to_string(),
            detail: err.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_has_a_snake_case_code_and_both_messages() {
        let path = || "/dev/ttyACM0".to_string();
        let detail = || "Broken pipe".to_string();
        let all = [
            ScanError::PortNotFound { path: path() },
            ScanError::PortBusy { path: path() },
            ScanError::PermissionDenied { path: path() },
            ScanError::Open {
                path: path(),
                detail: detail(),
            },
            ScanError::Disconnected {
                path: path(),
                detail: detail(),
            },
            ScanError::InvalidConfig { detail: detail() },
            ScanError::ListPorts { detail: detail() },
            ScanError::ReadFile {
                path: path(),
                detail: detail(),
            },
            ScanError::HidNotFound { device: "0c2e:0b61".into() },
            ScanError::Hid { device: "0c2e:0b61".into(), detail: detail() },
        ];
        for err in all {
            assert!(err
                .code()
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '_'));
            assert!(err.message_en().is_ascii(), "{err:?}");
            assert!(!err.message_zh().is_ascii(), "{err:?}");
        }
    }
}
