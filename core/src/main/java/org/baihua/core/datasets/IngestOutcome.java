package org.baihua.core.datasets;

import java.util.List;
import org.baihua.core.registry.DatasetInfo;
import org.baihua.core.registry.RejectedRow;

/**
 * The result of an ingest.
 *
 * @param dataset the stored data set (an existing one when the same content was ingested before)
 * @param rejected the rejected rows with line and reason
 * @param reused whether an identical earlier ingest was recognised and nothing new was stored
 */
public record IngestOutcome(DatasetInfo dataset, List<RejectedRow> rejected, boolean reused) {

    public IngestOutcome {
        rejected = List.copyOf(rejected);
    }
}
