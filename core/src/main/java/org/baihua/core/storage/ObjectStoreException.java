package org.baihua.core.storage;

import org.baihua.core.BaihuaException;

/** The object store failed or holds something wrong; the message names the object and the store. */
public class ObjectStoreException extends BaihuaException {

    private final String key;

    public ObjectStoreException(String key, String message, Throwable cause) {
        super(Kind.INTERNAL, message, cause);
        this.key = key;
    }

    public ObjectStoreException(String key, String message) {
        this(key, message, null);
    }

    /** The key of the object concerned. */
    public String key() {
        return key;
    }
}
