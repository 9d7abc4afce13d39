-- The tasks list's sort orders as index walks (issue 12): without these a page of 200,000
-- tasks at 1,000,000 members sorted every task first (the tab 120 ms, End in title order
-- 450 ms of CPU). The columns are the sort keys exactly as lists.c orders by them.
CREATE INDEX tasks_by_due_order ON tasks (due_date IS NULL, ifnull(due_date, ''), id);
CREATE INDEX tasks_by_title ON tasks (title COLLATE thai, id);
