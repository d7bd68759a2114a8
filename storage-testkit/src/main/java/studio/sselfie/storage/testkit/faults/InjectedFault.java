package studio.sselfie.storage.testkit.faults;

import java.util.Objects;

import studio.sselfie.storage.StorageOperation;

/**
 * One fault that {@link FaultInjectingBackend} injected, as listed by {@link FaultInjectingBackend#log()}.
 *
 * @param call      the number of the call it was injected into, counting every call of the decorator from 1 (the
 *                  "call N" of the exception message)
 * @param operation the operation of that call
 * @param key       the key of the call; for a copy the target key; {@code null} for a listing, a batch delete, or a
 *                  call given a {@code null} key
 * @param fault     what was injected
 * @param detail    what exactly, e.g. {@code "after 17 of 100 bytes"} or {@code "byte 42 of 100 xor 0x5a"}; never
 *                  {@code null}
 */
public record InjectedFault(long call, StorageOperation operation, String key, Fault fault, String detail) {

    /**
     * @throws NullPointerException     if operation, fault or detail is {@code null}
     * @throws IllegalArgumentException if call is below 1
     */
    public InjectedFault {
        Objects.requireNonNull(operation, "operation is null");
        Objects.requireNonNull(fault, "fault is null");
        Objects.requireNonNull(detail, "detail is null");
        if (call < 1) {
            throw new IllegalArgumentException("call must be >= 1, was " + call);
        }
    }
}
