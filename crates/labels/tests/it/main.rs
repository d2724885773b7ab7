//! The labels crate's acceptance tests: real PDFs read back by a barcode scanner
//! (pdftoppm + zbarimg), real sockets, a real cupsd. One binary to keep linking fast.

mod common;
mod fit;
mod native;
mod pdf;
mod preview;
mod printer_languages;
mod templates;
mod transport;
mod status;
