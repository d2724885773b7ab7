//! Listing the serial ports the OS knows of, for the port chooser.

use crate::ScanError;

/// One port the OS reports. Pseudo-terminals and some adapters are not listed: let the
/// user type a path as well.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortInfo {
    pub path: String,
    pub kind: PortKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PortKind {
    /// A USB device (most scanners in USB-COM / CDC mode), with what it says of itself.
    Usb {
        vid: u16,
        pid: u16,
        manufacturer: Option<String>,
        product: Option<String>,
        serial_number: Option<String>,
    },
    Pci,
    Bluetooth,
    Unknown,
}

impl PortInfo {
    /// A short label for a chooser, e.g. `/dev/ttyACM0 (Honeywell 1900GSR)`.
    pub fn label(&self) -> String {
        match &self.kind {
            PortKind::Usb {
                manufacturer,
                product,
                vid,
                pid,
                ..
            } => {
                let name = [manufacturer.as_deref(), product.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" ");
                if name.is_empty() {
                    format!("{} (USB {vid:04x}:{pid:04x})", self.path)
                } else {
                    format!("{} ({name})", self.path)
                }
            }
            PortKind::Bluetooth => format!("{} (Bluetooth)", self.path),
            PortKind::Pci | PortKind::Unknown => self.path.clone(),
        }
    }
}

/// The serial ports the OS reports, sorted by path.
pub fn list_ports() -> Result<Vec<PortInfo>, ScanError> {
    let ports = serialport::available_ports().map_err(|err| ScanError::ListPorts {
        detail: err.description,
    })?;
    let mut ports: Vec<PortInfo> = ports
        .into_iter()
        .map(|port| PortInfo {
            path: port.port_name,
            kind: kind_of(port.port_type),
        })
        .collect();
    ports.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(ports)
}

fn kind_of(port_type: serialport::SerialPortType) -> PortKind {
    match port_type {
        serialport::SerialPortType::UsbPort(usb) => PortKind::Usb {
            vid: usb.vid,
            pid: usb.pid,
            manufacturer: usb.manufacturer,
            product: usb.product,
            serial_number: usb.serial_number,
        },
        serialport::SerialPortType::PciPort => PortKind::Pci,
        serialport::SerialPortType::BluetoothPort => PortKind::Bluetooth,
        serialport::SerialPortType::Unknown => PortKind::Unknown,
    }
}
