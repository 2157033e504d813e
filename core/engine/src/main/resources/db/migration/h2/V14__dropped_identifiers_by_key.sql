-- CDP Hub profile store, version 14: dropped identifiers by key. When an erasure or an expiry frees an identifier, the
-- fragments that dropped it are looked up by its key (DroppedIdentifierTable.fragmentsDropping); the primary key
-- starts with the fragment's source, so without this index every such lookup read the whole table.
create index cdp_dropped_identifier_id_key on cdp_dropped_identifier (id_key);
