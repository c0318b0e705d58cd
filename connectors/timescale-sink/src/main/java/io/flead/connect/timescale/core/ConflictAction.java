package io.flead.connect.timescale.core;

/** What an upsert does when a row with the same natural key exists: overwrite it or keep the old one. */
public enum ConflictAction {
    UPDATE,
    NOTHING
}
