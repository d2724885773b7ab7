-- The list's commonest filters at a million assets (issue 25): a department or a
-- category together with a status (在用 of 信息中心). With only (dept_id, code) the
-- count and the page read every asset row of the department to test its status, and a
-- row is wide (its search text): 90 ms for 100,000 rows. These answer the count from
-- the index alone and walk the page in code order.
CREATE INDEX IF NOT EXISTS assets_dept_status ON assets(dept_id, status, code);
CREATE INDEX IF NOT EXISTS assets_category_status ON assets(category_id, status, code);
