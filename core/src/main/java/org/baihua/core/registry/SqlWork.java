package org.baihua.core.registry;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done on one connection, inside {@link Database#read} or {@link Database#write}. */
@FunctionalInterface
public interface SqlWork<T> {

    /** Does the work; a thrown exception rolls a write transaction back. */
    T run(Connection connection) throws SQLException;
}
