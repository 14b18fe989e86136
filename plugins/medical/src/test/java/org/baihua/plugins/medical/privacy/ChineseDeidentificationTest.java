package org.baihua.plugins.medical.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** De-identification of Chinese clinical text: each identifier form removed, the clinical words around it kept. */
class ChineseDeidentificationTest {

    private final PhiScrubber scrubber = PhiScrubber.safeHarbor();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "患者张三因胸痛3天入院。|患者[NAME]因胸痛3天入院。",
        "患者王小明，男，45岁，主诉头痛。|患者[NAME]，男，45岁，主诉头痛。",
        "患者：李华，女，62岁。|患者：[NAME]，女，62岁。",
        "患者欧阳明轩自述腹痛。|患者[NAME]自述腹痛。",
        "主治医师刘洋查房后建议复查。|主治医师[NAME]查房后建议复查。",
        "医生：陈静|医生：[NAME]",
        "姓名 赵一鸣|姓名 [NAME]",
        "王先生诉夜间咳嗽。|[NAME]先生诉夜间咳嗽。",
        "请李医生会诊。|请[NAME]医生会诊。",
        "患者张某某，男。|患者[NAME]，男。",
    })
    void namesAfterACueOrBeforeATitle(String text, String expected) {
        assertThat(scrubber.scrub(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "于2023年5月1日入院。|于[DATE]入院。",
        "2023年 5月 1日 复诊|[DATE] 复诊",
        "2021年12月出现症状|[DATE]出现症状",
        "二〇二三年五月一日手术|[DATE]手术",
        "5月1号开始发热|[DATE]开始发热",
        "出院日期：2023/05/01|出院日期：[DATE]",
        "复查于2022.11.3进行|复查于[DATE]进行",
        "１９９８年３月２日出生|[DATE]出生",
    })
    void chineseDates(String text, String expected) {
        assertThat(scrubber.scrub(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "联系电话：13812345678|联系电话：[PHONE]",
        "手机 138-1234-5678 可随时联系|手机 [PHONE] 可随时联系",
        "家属电话+86 139 8765 4321。|家属电话[PHONE]。",
        "请拨打15900001111咨询|请拨打[PHONE]咨询",
        "科室座机010-87654321转205|科室座机[PHONE]",
        "（0571）88776655为值班电话|[PHONE]为值班电话",
        "电话：１３９１２３４５６７８|电话：[PHONE]",
    })
    void phoneNumbers(String text, String expected) {
        assertThat(scrubber.scrub(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "身份证号：11010519491231002X|身份证号：[ID]",
        "证件440304198506121230已核对|证件[ID]已核对",
        "患者身份证320106199003074515，医保卡号：YB20230012345|患者身份证[ID]，医保卡号：[ID]",
        "ＩＤ：１３０１０２１９７８０１０１００１４|ＩＤ：[ID]",
        "住院号：ZY2023-0456，病历号 889123|住院号：[ID]，病历号 [ID]",
    })
    void idCardAndRecordNumbers(String text, String expected) {
        assertThat(scrubber.scrub(text)).isEqualTo(expected);
    }

    @Test
    void anEighteenDigitNumberWithAWrongCheckDigitIsNotTakenForAnIdCard() {
        assertThat(ChineseRules.validIdCard("11010519491231002X")).isTrue();
        assertThat(ChineseRules.validIdCard("110105194912310021")).isFalse();
        assertThat(ChineseRules.validIdCard("110105194913310024")).as("month 13").isFalse();
    }

    @Test
    void addressesAfterALabelAndAgesOver89() {
        assertThat(scrubber.scrub("家庭住址：北京市朝阳区建国路88号3单元502室，无吸烟史。"))
                .isEqualTo("家庭住址：[ADDRESS]，无吸烟史。");
        assertThat(scrubber.scrub("患者，女，93岁，跌倒后髋部疼痛。")).isEqualTo("患者，女，90+岁，跌倒后髋部疼痛。");
        assertThat(scrubber.scrub("患者，男，89岁。")).isEqualTo("患者，男，89岁。");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "患者高热3天，体温39.5℃，伴寒战。",
        "患者黄疸进行性加重，总胆红素156 μmol/L。",
        "患者白细胞12.3×10^9/L，中性粒细胞82%。",
        "患者曾于外院行冠脉造影，提示前降支狭窄70%。",
        "患者周身乏力，食欲减退，体重下降5公斤。",
        "患者张口受限，颞下颌关节压痛。",
        "患者既往高血压病史10年，规律服用氨氯地平5mg qd。",
        "医生建议低盐低脂饮食，监测血压。",
        "血压150/95mmHg，心率88次/分，血糖7.8mmol/L。",
        "头颅CT示左侧基底节区腔隙性脑梗死。",
        "2型糖尿病病史8年，糖化血红蛋白8.2%。",
        "病程2年，近3个月加重。",
        "于2019年行胃镜检查。",
        "患者马上接受了溶栓治疗。",
        "患者严重呼吸困难，血氧饱和度88%。",
    })
    void clinicalChineseComesThroughUnchanged(String text) {
        assertThat(scrubber.scrub(text)).isEqualTo(text);
    }

    @Test
    void aWholeChineseNote() {
        String note = """
                入院记录
                患者刘建国，男，67岁，身份证号370102195603150011，联系电话13605310000。
                因“反复胸闷气短2年，加重1周”于2023年3月15日入院。
                既往高血压病史15年。查体：血压162/98mmHg，双肺底可闻及湿啰音。
                心脏超声：左室射血分数38%。诊断：慢性心力衰竭，高血压病3级。
                主治医师：孙立平""";
        String scrubbed = scrubber.scrub(note);
        assertThat(scrubbed).doesNotContain("刘建国", "370102195603150011", "13605310000", "3月15日", "孙立平");
        assertThat(scrubbed).contains("患者[NAME]，男，67岁", "身份证号[ID]", "联系电话[PHONE]", "于[DATE]入院", "主治医师：[NAME]",
                "既往高血压病史15年。查体：血压162/98mmHg，双肺底可闻及湿啰音。", "心脏超声：左室射血分数38%。诊断：慢性心力衰竭，高血压病3级。");
        assertThat(scrubber.scrub(scrubbed)).as("idempotent").isEqualTo(scrubbed);
    }
}
