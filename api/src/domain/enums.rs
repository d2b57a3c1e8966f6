//! The enumerations of the candidate profile and of accounts. The API serves them (`GET /api/meta/enums`); the
//! H5 never hard-codes them. `value` is stored, `label` is shown.

pub type Pairs = &'static [(&'static str, &'static str)];

pub const ID_TYPES: Pairs = &[
    ("resident_id", "居民身份证"),
    ("hk_macao_permit", "港澳居民来往内地通行证"),
    ("taiwan_permit", "台湾居民来往大陆通行证"),
    ("hmt_residence", "港澳台居民居住证"),
    ("passport", "护照"),
    ("foreign_permanent", "外国人永久居留身份证"),
];

pub const GENDERS: Pairs = &[("male", "男"), ("female", "女")];

pub const HUKOU_TYPES: Pairs = &[
    ("agricultural", "农业户口"),
    ("non_agricultural", "非农业户口"),
    ("resident", "居民户口"),
    ("other", "其他"),
];

pub const CANDIDATE_SOURCES: Pairs = &[
    ("student", "在校生"),
    ("employee", "企业职工"),
    ("public", "社会人员"),
    ("unemployed", "失业人员"),
    ("migrant_worker", "农民工"),
    ("veteran", "退役军人"),
    ("other", "其他"),
];

pub const EDUCATION_LEVELS: Pairs = &[
    ("primary", "小学"),
    ("junior_high", "初中"),
    ("senior_high", "高中"),
    ("secondary_vocational", "中专/中技"),
    ("associate", "大专"),
    ("bachelor", "本科"),
    ("master", "硕士研究生"),
    ("doctorate", "博士研究生"),
];

pub const CERT_LEVELS: Pairs = &[
    ("level5", "五级/初级工"),
    ("level4", "四级/中级工"),
    ("level3", "三级/高级工"),
    ("level2", "二级/技师"),
    ("level1", "一级/高级技师"),
    ("special", "专项能力"),
];

/// Subjects (科目) of an assessment.
pub const SUBJECTS: Pairs = &[
    ("theory", "理论知识"),
    ("practical", "操作技能"),
    ("review", "综合评审"),
];

/// Answer mode / site type of a subject.
pub const ANSWER_MODES: Pairs = &[
    ("ata", "ATA机考（机考考点）"),
    ("paper", "纸笔"),
    ("practical", "实操"),
];

/// The subjects a level is assessed in by default: 技师 and above add 综合评审; 专项能力 is practical only.
pub fn default_subjects(level: &str) -> &'static [&'static str] {
    match level {
        "level2" | "level1" => &["theory", "practical", "review"],
        "special" => &["practical"],
        _ => &["theory", "practical"],
    }
}

pub const PLAN_STATUSES: Pairs = &[
    ("draft", "草稿"),
    ("confirmed", "已确认"),
    ("published", "已发布"),
];

/// The registration business of a plan: open → 报名提交 → 报名业务结束.
pub const PLAN_STAGES: Pairs = &[
    ("open", "报名中"),
    ("submitted", "已报名提交"),
    ("ended", "报名业务结束"),
];

pub const REGISTRATION_STATUSES: Pairs = &[
    ("pending", "待处理"),
    ("returned", "退回修改"),
    ("rejected", "申请不通过"),
    ("approved", "申请通过"),
    ("submitted", "已提交申报"),
    ("scored", "成绩发布"),
    ("withdrawn", "已撤回"),
];

pub const PAYMENT_STATUSES: Pairs = &[
    ("unpaid", "待支付"),
    ("paid", "已支付"),
    ("offline_confirmed", "线下已确认"),
    ("refunding", "退款中"),
    ("refunded", "已退款"),
];

pub const REGISTRATION_SOURCES: Pairs = &[
    ("online", "考生网上报名"),
    ("excel", "Excel导入"),
    ("manual", "手工录入"),
    ("id_reader", "身份证阅读器"),
];

pub const CORRECTION_STATUSES: Pairs = &[
    ("pending", "待审核"),
    ("approved", "审核通过"),
    ("rejected", "审核不通过"),
];

/// Suggested names of documents a plan item may require (staff may type others).
pub const REQUIRED_DOCUMENTS: Pairs = &[
    ("学历证书", "学历证书"),
    ("上一级职业资格证书", "上一级职业资格证书"),
    ("工作年限证明", "工作年限证明"),
    ("身份证正反面", "身份证正反面"),
    ("其他证明材料", "其他证明材料"),
];

pub const ROLES: Pairs = &[
    ("candidate", "考生"),
    ("staff", "机构人员"),
    ("centre_reviewer", "评价中心审核"),
    ("centre_finance", "评价中心财务"),
    ("admin", "系统管理员"),
];

/// The 56 ethnic groups, then 其他 and 外国血统 (value = label).
pub const ETHNICITIES: &[&str] = &[
    "汉族",
    "蒙古族",
    "回族",
    "藏族",
    "维吾尔族",
    "苗族",
    "彝族",
    "壮族",
    "布依族",
    "朝鲜族",
    "满族",
    "侗族",
    "瑶族",
    "白族",
    "土家族",
    "哈尼族",
    "哈萨克族",
    "傣族",
    "黎族",
    "傈僳族",
    "佤族",
    "畲族",
    "高山族",
    "拉祜族",
    "水族",
    "东乡族",
    "纳西族",
    "景颇族",
    "柯尔克孜族",
    "土族",
    "达斡尔族",
    "仫佬族",
    "羌族",
    "布朗族",
    "撒拉族",
    "毛南族",
    "仡佬族",
    "锡伯族",
    "阿昌族",
    "普米族",
    "塔吉克族",
    "怒族",
    "乌孜别克族",
    "俄罗斯族",
    "鄂温克族",
    "德昂族",
    "保安族",
    "裕固族",
    "京族",
    "塔塔尔族",
    "独龙族",
    "鄂伦春族",
    "赫哲族",
    "门巴族",
    "珞巴族",
    "基诺族",
    "其他",
    "外国血统",
];

pub fn contains(pairs: Pairs, value: &str) -> bool {
    pairs.iter().any(|(v, _)| *v == value)
}

pub fn label(pairs: Pairs, value: &str) -> Option<&'static str> {
    pairs.iter().find(|(v, _)| *v == value).map(|(_, l)| *l)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn there_are_56_ethnic_groups_plus_two() {
        assert_eq!(ETHNICITIES.len(), 58);
        let mut v = ETHNICITIES.to_vec();
        v.sort();
        v.dedup();
        assert_eq!(v.len(), 58);
    }

    #[test]
    fn labels_are_found_by_value() {
        assert_eq!(label(ID_TYPES, "passport"), Some("护照"));
        assert!(!contains(ROLES, "root"));
    }
}
