-- Fast search and sorting at 100,000 assets.
-- asset_fts holds, per asset, the hex-encoded character unigrams and bigrams of each
-- word of its search text: any substring query becomes an indexed phrase match,
-- including the one- and two-character Chinese words (电脑) a trigram index cannot serve.
CREATE VIRTUAL TABLE asset_fts USING fts5(tokens, content = '', contentless_delete = 1);

-- Every sortable column, with the code as tie-breaker, so a page is read in index order.
CREATE INDEX assets_sort_name ON assets(name, code);
CREATE INDEX assets_sort_value ON assets(value_fen, code);
CREATE INDEX assets_sort_acquired ON assets(acquired, code);
CREATE INDEX assets_sort_status ON assets(status, code);
CREATE INDEX assets_sort_category ON assets(category_id, code);
CREATE INDEX assets_sort_dept ON assets(dept_id, code);
CREATE INDEX assets_sort_location ON assets(location_id, code);
CREATE INDEX assets_sort_custodian ON assets(custodian_id, code);
