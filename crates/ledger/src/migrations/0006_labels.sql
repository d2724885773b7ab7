-- Labels: "was this asset's label printed before?" is answered from the audit log
-- (label_print / label_reprint entries by asset code). A partial index keeps that a
-- lookup, not a scan, however long the log grows. No table: templates and printers
-- are files beside the ledger (crates/label-jobs).
CREATE INDEX IF NOT EXISTS audit_log_label_target
    ON audit_log(target) WHERE action IN ('label_print', 'label_reprint');
