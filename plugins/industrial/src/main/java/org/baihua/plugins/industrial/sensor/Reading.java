package org.baihua.plugins.industrial.sensor;

import java.time.Instant;

/**
 * One sensor value as read, already in its canonical unit.
 *
 * @param line the source line, for error reports
 * @param time when it was measured
 * @param signal the signal's sanitised name
 * @param value the value, finite
 * @param label the row's label when the file carries one, else null
 */
record Reading(long line, Instant time, String signal, double value, String label) {}
