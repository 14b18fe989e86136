package ${package};

import org.pf4j.Plugin;

/**
 * The plugin's life-cycle hook (plugin.class in plugin.properties). The work is done by the
 * extensions: classes annotated {@code @Extension} that implement an SDK extension point.
 */
public class TicketPlugin extends Plugin {
}
