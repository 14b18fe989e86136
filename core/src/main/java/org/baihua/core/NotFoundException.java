package org.baihua.core;

/** A named thing (plugin, domain, model, version, dataset, job) does not exist. */
public class NotFoundException extends BaihuaException {

    public NotFoundException(String message) {
        super(Kind.NOT_FOUND, message);
    }
}
