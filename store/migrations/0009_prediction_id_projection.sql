-- The ids of each predictions part, sorted by id, inside the part itself: the idempotency check
-- before each insert reads them. prediction_ids is filled by a materialised view, in a part of
-- its own written after the predictions part; a crash between the two (measured: 3 of 5 kill -9
-- during ingest, test/hardening-crash.integration.test.ts) left predictions stored but not in
-- prediction_ids, and the client's retry stored them a second time. A projection is written and
-- committed with its part, so a stored prediction is always found.
-- ReplacingMergeTree refuses projections unless told what merges do to them: rebuild them.
ALTER TABLE predictions MODIFY SETTING deduplicate_merge_projection_mode = 'rebuild';

ALTER TABLE predictions ADD PROJECTION IF NOT EXISTS prediction_ids_in_part (SELECT project, model, id ORDER BY project, model, id);

-- Parts written before this migration get the projection in the background; until then the
-- check reads their id column, which gives the same answer.
ALTER TABLE predictions MATERIALIZE PROJECTION prediction_ids_in_part;
