package org.baihua.core.storage;

/** An object that the registry refers to is not in the store. */
public class MissingObjectException extends ObjectStoreException {

    public MissingObjectException(String key, String location) {
        super(key, "Object '" + key + "' is missing from " + location);
    }
}
