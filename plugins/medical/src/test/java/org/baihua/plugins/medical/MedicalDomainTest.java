package org.baihua.plugins.medical;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MedicalDomainTest {

    @Test
    void theTextTaskDeclaresTheEnglishBgeEncoderAndTheTabularOneNone() {
        assertThat(MedicalDomainFixture.task("condition").encoder()).isEqualTo("bge-small-en-v15");
        assertThat(MedicalDomainFixture.task("diabetes-risk").encoder()).isNull();
    }
}
