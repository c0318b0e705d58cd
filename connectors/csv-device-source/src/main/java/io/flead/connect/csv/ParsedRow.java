package io.flead.connect.csv;

/** What one CSV record parses to: a device row or a bad row. */
public sealed interface ParsedRow permits DeviceRow, BadRow {
}
