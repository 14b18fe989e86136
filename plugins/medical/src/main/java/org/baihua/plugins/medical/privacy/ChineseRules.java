package org.baihua.plugins.medical.privacy;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Rules for identifiers in Chinese clinical text: resident ID-card numbers (18 characters, checked
 * with their ISO 7064 check digit), mainland mobile and landline numbers, dates written with
 * 年/月/日, labelled record and insurance numbers, labelled addresses, ages over 89 (岁), and names
 * after a cue such as 患者 or 医生 or before a title such as 先生 or 医生.
 *
 * <p>Chinese is written without spaces, so every boundary is an explicit look-around on digits and
 * Latin letters ({@code \b} would treat ideographs as word characters). Digits may be full-width
 * (０-９): the redactor runs before any Unicode normalisation, so an identifier typed on a Chinese
 * keyboard must be caught as it is.
 */
final class ChineseRules {

    /** An ASCII or full-width digit. */
    private static final String D = "[0-9\\uFF10-\\uFF19]";
    private static final String NOT_BEFORE = "(?<![0-9\\uFF10-\\uFF19A-Za-z])";
    private static final String NOT_AFTER = "(?![0-9\\uFF10-\\uFF19A-Za-z])";
    private static final String HAN = "\\p{IsHan}";
    private static final String CN_NUMERAL = "[〇零一二三四五六七八九十]";

    /** Common surnames, compound ones first so that 欧阳 wins over 欧. */
    private static final String COMPOUND_SURNAMES = "欧阳|司马|诸葛|上官|东方|夏侯|慕容|令狐|皇甫|尉迟|公孙|长孙|宇文|司徒|端木";
    private static final String SURNAMES = "王李张刘陈杨赵吴周徐孙马朱胡郭何林罗郑梁谢宋唐韩冯邓曹彭曾肖田董潘袁蔡蒋余杜叶程魏吕丁"
            + "沈姜范傅钟卢汪戴崔陆廖姚方金邱夏谭韦贾邹石熊孟秦阎薛侯雷龙段郝孔邵史毛万顾赖康贺严尹钱施牛洪龚高黄白许苏任于常向";
    /**
     * Surnames that, right after 患者 or 医生, are far more often a word than a name: 高热 (high fever),
     * 黄疸 (jaundice), 白细胞 (white cells), 曾 (once), 于 (at), 常 (often), 任何 (any), 苏醒 (came round),
     * 许多 (many), 余 (the rest), 向 (towards), 周身 (whole body), 马上 (at once), 康复 (recovery),
     * 严重 (severe), 施行 (perform), 陆续 (one after another), 戴 (wear)... After a cue they are not
     * taken for a surname.
     */
    private static final String AMBIGUOUS_AFTER_CUE = "高黄白曾于常任苏许余向周方马康毛夏严施顾戴陆何";
    /**
     * Characters that end a name rather than continue it: what usually follows a name in a note
     * (因 because of, 于 on, 自 since, 诉 complains, 男/女, 岁...) and punctuation.
     */
    private static final String AFTER_NAME = "因于在自诉主来入出无有既为经行及与和等的了是男女岁今昨前后已曾诊患病述称反突近现体发伴感咳口";
    /**
     * Also ends a two-character name after its first given character: what follows a doctor's name
     * (查房, 建议, 会诊, 给予, 嘱咐, 考虑...). These may start a given name (刘建国), so they only end one.
     */
    private static final String AFTER_GIVEN = AFTER_NAME + "查建会给开告指嘱认考表说评签";
    private static final String GIVEN = "[" + HAN + "&&[^" + AFTER_NAME + "]]" + "[" + HAN + "&&[^" + AFTER_GIVEN + "]]?";
    /** Surnames that are also common words before a title or 某 (向医生 to the doctor, 于某日 on a day). */
    private static final String AMBIGUOUS_BEFORE_TITLE = "向于常曾任许余何";
    private static final String CUE = "(?:主治医师|主治医生|主任医师|副主任医师|住院医师|主管医师|责任护士|护士长|患者姓名|病人姓名"
            + "|患者|病人|病患|患儿|医生|医师|护士|护师|家属|联系人|姓名|签名|记录者|记录人|报告人|审核人|主刀|术者)";
    private static final String TITLE = "(?:先生|女士|小姐|医生|大夫|医师|护士|主任|教授)";
    private static final String ID_LABEL = "(?:身份证号码|身份证号|身份证|住院号|病历号|病案号|门诊号|医保卡号|医保号|社保卡号|社保号"
            + "|就诊卡号|卡号|登记号|检查号)";
    private static final String PHONE_LABEL = "(?:联系电话|电话号码|手机号码|手机号|手机|电话|座机|传真|联系方式)";
    private static final String ADDRESS_LABEL = "(?:家庭住址|现住址|户籍地址|住址|地址|家住|现住|居住地)";
    private static final int[] ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String ID_CHECK = "10X98765432";

    private ChineseRules() {}

    /** Resident ID cards: first of all rules, since their digits hold a date and phone-like runs. */
    static List<PhiRule> idCards() {
        return List.of(new PhiRule(PhiKind.ID, Pattern.compile(NOT_BEFORE + D + "{17}[0-9\\uFF10-\\uFF19Xx\\uFF38\\uFF58]" + NOT_AFTER),
                m -> validIdCard(m.group()) ? PhiKind.ID.placeholder() : m.group()));
    }

    static List<PhiRule> contacts() {
        return List.of(
                PhiRule.keepingLabel(PhiKind.PHONE, "(" + PHONE_LABEL + ")([：:\\s]*)(?:[+＋]?" + D + "[" + D.substring(1, D.length() - 1)
                        + "\\s\\-－()（）]{5,}" + D + ")(?:转" + D + "{1,5})?"),
                // mobile: 1[3-9] and nine more digits, optionally +86 and grouped 3-4-4
                PhiRule.replacing(PhiKind.PHONE, NOT_BEFORE + "(?:(?:[+＋]|00)?86[\\s\\-－]?)?1[3-9３-９]" + D
                        + "(?:[\\s\\-－]?" + D + "{4}){2}" + NOT_AFTER),
                // landline: area code 0xx or 0xxx, then 7-8 digits
                PhiRule.replacing(PhiKind.PHONE, NOT_BEFORE + "(?:[(（][0０]" + D + "{2,3}[)）]\\s?|[0０]" + D + "{2,3}[\\-－])"
                        + D + "{7,8}(?:转" + D + "{1,5})?" + NOT_AFTER));
    }

    static List<PhiRule> dates() {
        String year = "(?:" + D + "{4}|" + CN_NUMERAL + "{4})\\s*年\\s*";
        String month = "(?:" + D + "{1,2}|" + CN_NUMERAL + "{1,2})\\s*月";
        String day = "\\s*(?:" + D + "{1,2}|" + CN_NUMERAL + "{1,3})\\s*[日号]";
        return List.of(
                // 2023年5月1日, 2023年5月, 二〇二三年五月一日; a bare year (2023年) is kept, as in English
                PhiRule.replacing(PhiKind.DATE, NOT_BEFORE + year + month + "(?:" + day + ")?"),
                // 5月1日 / 5月1号 without a year
                PhiRule.replacing(PhiKind.DATE, NOT_BEFORE + "(?:" + D + "{1,2}|" + CN_NUMERAL + "{1,2})\\s*月" + day),
                // 2023/5/1, 2023.05.01
                PhiRule.replacing(PhiKind.DATE, NOT_BEFORE + "(?:19|20)\\d{2}([/.])(?:0?[1-9]|1[0-2])\\1(?:0?[1-9]|[12]\\d|3[01])"
                        + "(?![0-9A-Za-z]|\\.\\d)"));
    }

    static List<PhiRule> identifiers() {
        return List.of(
                PhiRule.keepingLabel(PhiKind.ID, "(" + ID_LABEL + ")([：:\\s]*)[A-Za-z]{0,4}[\\-－]?" + D
                        + "[0-9\\uFF10-\\uFF19A-Za-z\\-－]{3,}"),
                // a labelled address runs to the next clause punctuation
                PhiRule.keepingLabel(PhiKind.ADDRESS, "(" + ADDRESS_LABEL + ")([：:\\s]*)[^，。；;,、\\n]{2,40}"));
    }

    static List<PhiRule> ages() {
        return List.of(PhiRule.replacing(PhiKind.AGE_OVER_89, NOT_BEFORE + "(?:9\\d|1[0-4]\\d)(?=\\s*周?岁)"));
    }

    static List<PhiRule> names() {
        String surnameAfterCue = "(?:" + COMPOUND_SURNAMES + "|[" + SURNAMES.replaceAll("[" + AMBIGUOUS_AFTER_CUE + "]", "") + "])";
        String surnameBeforeTitle = "(?:" + COMPOUND_SURNAMES + "|[" + SURNAMES.replaceAll("[" + AMBIGUOUS_BEFORE_TITLE + "]", "") + "])";
        return List.of(
                // 患者张三因胸痛…, 医生：李华, 姓名 王小明
                PhiRule.keepingLabel(PhiKind.NAME, "(" + CUE + ")([：:\\s]{0,2})" + surnameAfterCue + GIVEN),
                // 王先生, 李医生, 张某医生
                new PhiRule(PhiKind.NAME, Pattern.compile(surnameBeforeTitle + "(?:某{1,2})?(" + TITLE + ")"),
                        m -> PhiKind.NAME.placeholder() + m.group(1)),
                // 张某, 李某某: already a pseudonym, but it still gives the surname
                PhiRule.replacing(PhiKind.NAME, surnameBeforeTitle + "某{1,2}"));
    }

    /** ISO 7064 MOD 11-2 check digit and a possible birth date (years 1800-2099). */
    static boolean validIdCard(String number) {
        StringBuilder ascii = new StringBuilder();
        for (char c : number.toCharArray()) {
            ascii.append(c >= '\uFF10' && c <= '\uFF19' ? (char) (c - '\uFF10' + '0')
                    : c == '\uFF38' || c == '\uFF58' || c == 'x' ? 'X' : c);
        }
        String id = ascii.toString();
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (id.charAt(i) - '0') * ID_WEIGHTS[i];
        }
        if (ID_CHECK.charAt(sum % 11) != id.charAt(17)) {
            return false;
        }
        int year = Integer.parseInt(id.substring(6, 10));
        int month = Integer.parseInt(id.substring(10, 12));
        int day = Integer.parseInt(id.substring(12, 14));
        return year >= 1800 && year <= 2099 && month >= 1 && month <= 12 && day >= 1 && day <= 31;
    }
}
