package org.baihua.plugins.medical.fhir;

import java.time.Instant;

/**
 * One value an Observation gives a record field, in the field's canonical unit.
 *
 * @param field the record field
 * @param value the value
 * @param time when it was observed, or null when the Observation does not say
 * @param encounter the encounter reference, or null
 */
record Reading(String field, double value, Instant time, String encounter) {}
