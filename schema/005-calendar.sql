-- The calendar and the agenda read events by the days they cover: an event that started
-- before the first day shown is found by its end date, and the next meetings of recurring
-- events come from the few events that repeat, read in the order of their series (title,
-- then date).
CREATE INDEX events_by_end_date ON events (end_date, start_date);
CREATE INDEX events_recurring ON events (title, start_date) WHERE recurrence_months > 0 AND deleted_at IS NULL;
