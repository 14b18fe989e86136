package org.baihua.core.jobs;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Supplier;
import org.baihua.core.registry.RowCursor;
import org.baihua.sdk.DataRecord;

/**
 * Rows of a stored data set (all, or those at some positions) as a list that is read from disk
 * whenever it is iterated, so that training holds one row at a time instead of the whole data set.
 * Iterating reads the file once; {@link #get} is cheap only in ascending order (the cursor moves
 * forward; going back reopens the file). Closing it closes every cursor still open.
 */
final class StoredRows extends AbstractList<DataRecord> implements AutoCloseable {

    private final Supplier<RowCursor> open;
    private final int stored;
    private final int[] positions;
    private final List<RowCursor> cursors;
    private RowCursor cursor;
    /** The stored position of the row {@code cursor} hands out next, and the last row read with its list index. */
    private int cursorAt;
    private int lastIndex = -1;
    private DataRecord last;

    /**
     * @param open opens a cursor over the stored rows
     * @param stored the number of rows stored
     */
    StoredRows(Supplier<RowCursor> open, int stored) {
        this(open, stored, null, new ArrayList<>());
    }

    private StoredRows(Supplier<RowCursor> open, int stored, int[] positions, List<RowCursor> cursors) {
        this.open = open;
        this.stored = stored;
        this.positions = positions;
        this.cursors = cursors;
    }

    /** The rows at {@code ascending} positions (of this view), in that order; shares this view's cursors for closing. */
    StoredRows select(int[] ascending) {
        int[] absolute = new int[ascending.length];
        for (int i = 0; i < ascending.length; i++) {
            if (i > 0 && ascending[i] <= ascending[i - 1]) {
                throw new IllegalArgumentException("positions must ascend: " + ascending[i - 1] + " then " + ascending[i]);
            }
            absolute[i] = position(ascending[i]);
        }
        return new StoredRows(open, stored, absolute, cursors);
    }

    private int position(int index) {
        return positions == null ? index : positions[index];
    }

    @Override
    public int size() {
        return positions == null ? stored : positions.length;
    }

    @Override
    public DataRecord get(int index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException("row " + index + " of " + size());
        }
        if (index == lastIndex) {
            return last;
        }
        int target = position(index);
        if (cursor == null || target < cursorAt) {
            if (cursor != null) {
                cursor.close();
                cursors.remove(cursor);
            }
            cursor = opened();
            cursorAt = 0;
        }
        last = skipTo(cursor, cursorAt, target);
        cursorAt = target + 1;
        lastIndex = index;
        return last;
    }

    @Override
    public Iterator<DataRecord> iterator() {
        RowCursor rows = opened();
        return new Iterator<>() {
            private int next;
            private int at;

            @Override
            public boolean hasNext() {
                if (next < size()) {
                    return true;
                }
                if (cursors.remove(rows)) {
                    // reading every row: check that the file ends here, which verifies its checksum
                    if (positions == null && rows.hasNext()) {
                        rows.close();
                        throw new IllegalStateException("the data set's rows file has more rows than the " + stored
                                + " the registry records");
                    }
                    rows.close();
                }
                return false;
            }

            @Override
            public DataRecord next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int target = position(next++);
                DataRecord row = skipTo(rows, at, target);
                at = target + 1;
                return row;
            }
        };
    }

    private RowCursor opened() {
        RowCursor rows = open.get();
        cursors.add(rows);
        return rows;
    }

    /** Reads from stored position {@code at} up to {@code target} and returns the row there. */
    private DataRecord skipTo(RowCursor rows, int at, int target) {
        for (int p = at; ; p++) {
            if (!rows.hasNext()) {
                throw new IllegalStateException("the data set's rows file ends after " + p + " rows; the registry records " + stored);
            }
            DataRecord row = rows.next();
            if (p == target) {
                return row;
            }
        }
    }

    @Override
    public void close() {
        for (RowCursor rows : List.copyOf(cursors)) {
            rows.close();
        }
        cursors.clear();
        cursor = null;
        lastIndex = -1;
    }
}
