-- Transfers awaiting the receiving department's confirmation: which assets they name.
-- The asset moves (and the journal gets its lines) only when the transfer is confirmed.
CREATE TABLE pending_transfer_lines (
    document_id INTEGER NOT NULL REFERENCES documents(id),
    asset_id    INTEGER NOT NULL REFERENCES assets(id),
    PRIMARY KEY (document_id, asset_id)
) STRICT;
