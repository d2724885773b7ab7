//! The ports a label printer may hang on, for the printer setup's picker (issue 18):
//! serial and USB-serial ports (serialport's `available_ports`) and, on Linux, USB
//! printer-class devices (`/dev/usb/lp*`, written as files). Installed system printers
//! (CUPS queues, the Windows spooler) are sysprint's list.

use crate::transport::DEFAULT_BAUD;

/// One port found on this computer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortChoice {
    /// The printer address to save (`serial:COM3@9600`, `file:/dev/usb/lp0`).
    pub uri: String,
    /// The port's own name (`COM3`, `/dev/ttyUSB0`).
    pub name: String,
    /// `serial`, `usb_serial` or `usb_printer`.
    pub kind: &'static str,
    /// What the system says of the device (maker, product, USB ids), if anything.
    pub detail: String,
}

/// The serial, USB-serial and USB printer ports present now. A port that cannot be
/// listed is left out (the clerk can still type an address); ptys are never listed.
pub fn printer_ports() -> Vec<PortChoice> {
    let mut out: Vec<PortChoice> = serialport::available_ports()
        .unwrap_or_default()
        .into_iter()
        .map(|p| {
            let (kind, detail) = match &p.port_type {
                serialport::SerialPortType::UsbPort(usb) => {
                    let words: Vec<&str> = [usb.manufacturer.as_deref(), usb.product.as_deref()].into_iter().flatten().collect();
                    ("usb_serial", format!("{} (USB {:04x}:{:04x})", words.join(" "), usb.vid, usb.pid).trim().to_string())
                }
                serialport::SerialPortType::BluetoothPort => ("serial", "Bluetooth".to_string()),
                _ => ("serial", String::new()),
            };
            PortChoice { uri: format!("serial:{}@{DEFAULT_BAUD}", p.port_name), name: p.port_name, kind, detail }
        })
        .collect();
    out.extend(usb_printer_devices());
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

#[cfg(target_os = "linux")]
fn usb_printer_devices() -> Vec<PortChoice> {
    let Ok(entries) = std::fs::read_dir("/dev/usb") else { return Vec::new() };
    entries
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("lp"))
        .map(|e| {
            let path = e.path().display().to_string();
            PortChoice { uri: format!("file:{path}"), name: path, kind: "usb_printer", detail: String::new() }
        })
        .collect()
}

#[cfg(not(target_os = "linux"))]
fn usb_printer_devices() -> Vec<PortChoice> {
    // Windows lists USB printers in the spooler (sysprint's installed printers).
    Vec::new()
}
