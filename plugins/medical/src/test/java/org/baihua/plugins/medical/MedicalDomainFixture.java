package org.baihua.plugins.medical;

import org.baihua.sdk.TaskSpec;

/** The medical domain's task specs, for tests in other packages. */
public final class MedicalDomainFixture {

    private MedicalDomainFixture() {}

    public static TaskSpec task(String id) {
        return new MedicalDomain().tasks().stream().filter(t -> t.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no task " + id));
    }
}
