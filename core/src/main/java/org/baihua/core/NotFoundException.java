package org.baihua.core;

/** A named thing (model, version, dataset, job, plugin) does not exist; HTTP 404. */
public class NotFoundException extends BaihuaException {

    public NotFoundException(String message) {
        super(Kind.NOT_FOUND, message);
    }
}
