-- Issue 10, "the console at scale": the queue, its search and the audit page
-- are filtered and paginated in the database (keyset pagination, see
-- docs/design.md "Console lists"), with indexes for each list's order.
--
-- The queue's search looks for (part of) a name or reading as
-- send_profile normalises them (NFKC, variant kanji folded, katakana to
-- hiragana), which SQL cannot do: the owner of operator_requests stores the
-- normalised text beside the row. Rows written before this migration (or by
-- hand) have NULL there; the console completes them before it searches.
ALTER TABLE operator_requests
  ADD COLUMN search_name VARCHAR(130) NULL AFTER given_reading,
  ADD COLUMN search_reading VARCHAR(130) NULL AFTER search_name,
  -- The queue's orders within one status (operator_requests_queue, read
  -- backwards, gives priority first, newest first; this one priority
  -- first, oldest first).
  ADD KEY operator_requests_queue_oldest (status, priority DESC, created_at, id),
  -- The same two orders over every status ("all", and "open" when most
  -- rows are closed).
  ADD KEY operator_requests_all_newest (priority, created_at, id),
  ADD KEY operator_requests_all_oldest (priority DESC, created_at, id),
  -- Rows whose search text is still to be completed.
  ADD KEY operator_requests_search_pending (search_name(1));

-- The audit page lists newest or oldest first by (occurred_at, id); its
-- filters each have an index ending in occurred_at (audit_by_event,
-- audit_by_account, audit_by_operator, audit_by_time). The request filter's
-- gets the time too.
ALTER TABLE audit_log
  DROP KEY audit_by_request,
  ADD KEY audit_by_request (request_ref, occurred_at);
