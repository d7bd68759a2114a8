package studio.sselfie.storage.migration.internal;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.List;

/**
 * The work of one transform call, fixed before its first write and stored in the journal, so that a resumed step
 * works on exactly the keys the first run listed (a listing after a crash would also see the keys the step wrote).
 *
 * @param items the units, in listing order
 */
public record WorkList(List<WorkItem> items) {
    public WorkList {
        items = List.copyOf(items);
    }

    /** Sum of the listed sizes. */
    @JsonIgnore
    public long bytes() {
        return items.stream().mapToLong(WorkItem::size).sum();
    }
}
