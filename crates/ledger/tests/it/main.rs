//! The ledger crate's one integration-test binary.

mod backup;
mod common;
mod documents;
mod foundation;
mod hostile;
mod properties;
mod stocktake;
mod valuation;
