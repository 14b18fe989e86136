package org.baihua.core.storage;

/** An object's content does not have the SHA-256 (or size) it must have; it is never used. */
public class CorruptObjectException extends ObjectStoreException {

    public CorruptObjectException(String key, String location, String problem) {
        super(key, "Object '" + key + "' in " + location + " is corrupt: " + problem);
    }
}
