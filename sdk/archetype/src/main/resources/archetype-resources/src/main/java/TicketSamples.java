package ${package};

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.baihua.sdk.AdapterOptions;
import org.baihua.sdk.SampleData;
import org.pf4j.Extension;

/** The sample the plugin ships: support tickets to try the task on, read by the host's csv adapter. */
@Extension
public class TicketSamples implements SampleData {

    static final String TICKETS = "tickets";
    private static final String FILE = "samples/tickets.csv";

    @Override
    public List<Sample> samples() {
        return List.of(new Sample(TICKETS, TicketDomain.ID, TicketDomain.CATEGORY, "csv", AdapterOptions.none(),
                Map.of("text", "message", "label", "category"), Map.of(),
                "Synthetic support tickets written for the Baihua plugin template by a seeded generator; "
                        + "no real person or company; licence CC0 1.0"));
    }

    @Override
    public InputStream open(String sampleName) throws IOException {
        if (!TICKETS.equals(sampleName)) {
            throw new IllegalArgumentException("this plugin ships no sample '" + sampleName + "'; it ships [" + TICKETS + "]");
        }
        // The plugin's class loader: the host loads each plugin in its own.
        InputStream in = TicketSamples.class.getClassLoader().getResourceAsStream(FILE);
        if (in == null) {
            throw new IOException("sample file '" + FILE + "' is missing from the plugin");
        }
        return in;
    }
}
