//! The Chinese names of audit actions and target kinds: the one table the API, its filter list and the H5 use.
//! A code missing here (an action added later) still reads well: its family's name plus the code.
use crate::domain::enums::{self, Pairs};

pub const ACTIONS: Pairs = &[
    // Accounts and sign-in
    ("register", "考生注册"),
    ("login", "密码登录"),
    ("login_failed", "登录失败"),
    ("login_locked", "登录锁定"),
    ("login_wechat", "微信登录"),
    ("logout", "退出登录"),
    ("password_change", "修改密码"),
    ("password_reset", "管理员重置密码"),
    ("password_recover", "找回密码"),
    ("password_recover_failed", "找回密码失败"),
    ("password_reset_by_institution", "机构重置密码"),
    ("identity_check_passed", "首次登录核验身份"),
    ("identity_check_failed", "首次登录核验失败"),
    ("wechat_bind", "绑定微信"),
    ("wechat_unbind", "解绑微信"),
    ("account_create", "新建账号"),
    ("account_disable", "停用账号"),
    ("account_enable", "启用账号"),
    ("account_unlock", "解除锁定"),
    ("institution_create", "新建机构"),
    ("institution_update", "修改机构"),
    // Candidate data
    ("profile_update", "修改个人资料"),
    ("profile_file_upload", "上传照片或证件"),
    ("profile_file_delete", "删除证件图片"),
    ("candidate_account_enter", "机构录入建档"),
    ("candidate_profile_fill", "机构录入补充资料"),
    ("correction_request", "申请修改考生信息"),
    ("correction_approve", "同意修改考生信息"),
    ("correction_reject", "驳回修改考生信息"),
    ("candidate_correct", "修改考生信息"),
    // Catalogue and plans
    ("occupation_create", "新增职业"),
    ("occupation_update", "修改职业"),
    ("occupation_import_create", "导入新增职业"),
    ("occupation_import_update", "导入更新职业"),
    ("plan_create", "新建计划"),
    ("plan_update", "修改计划"),
    ("plan_delete", "删除计划"),
    ("plan_item_create", "新增报考项目"),
    ("plan_item_update", "修改报考项目"),
    ("plan_item_delete", "删除报考项目"),
    ("plan_confirm", "计划确认完成"),
    ("plan_publish", "发布计划"),
    ("plan_submit", "报名提交"),
    ("plan_end", "报名业务结束"),
    ("plan_reopen", "重新开放报名"),
    // Registrations
    ("registration_apply", "考生报名"),
    ("registration_enter", "机构录入报名"),
    ("registration_reapply", "重新报名"),
    ("registration_edit", "修改报名材料"),
    ("registration_resubmit", "重新提交报名"),
    ("registration_withdraw", "撤回报名"),
    ("registration_approve", "报名审核通过"),
    ("registration_return", "报名退回修改"),
    ("registration_reject", "报名审核不通过"),
    ("registration_import", "Excel 导入报名"),
    // Money
    ("payment_paid", "微信支付成功"),
    ("payment_late", "逾期支付（退款）"),
    ("payment_closed", "关闭支付订单"),
    ("refund_requested", "申请退款"),
    ("refund_status", "退款状态变更"),
    ("remittance_recorded", "登记机构汇款"),
    ("remittance_confirmed", "确认汇款到账"),
    ("remittance_rejected", "驳回汇款"),
    ("remittance_surplus_resolved", "处理汇款余额"),
    ("reconciliation_run", "执行对账"),
];

/// Families of codes, for codes not (yet) in [`ACTIONS`]: the longest matching prefix names it.
const FAMILIES: Pairs = &[
    ("account_", "账号"),
    ("candidate_", "考生"),
    ("correction_", "信息修改"),
    ("first_login", "首次登录"),
    ("institution_", "机构"),
    ("login", "登录"),
    ("occupation_", "职业目录"),
    ("password_", "密码"),
    ("payment_", "支付"),
    ("plan_item_", "报考项目"),
    ("plan_", "计划"),
    ("profile_", "个人资料"),
    ("reconciliation_", "对账"),
    ("refund_", "退款"),
    ("registration_", "报名"),
    ("remittance_", "汇款"),
    ("wechat_", "微信"),
];

pub const TARGETS: Pairs = &[
    ("user", "账号"),
    ("institution", "机构"),
    ("login", "登录名"),
    ("occupation", "职业"),
    ("plan", "计划"),
    ("plan_item", "报考项目"),
    ("registration", "报名"),
    ("correction", "信息修改申请"),
    ("remittance", "汇款"),
    ("pay_order", "支付订单"),
    ("pay_refund", "退款"),
    ("reconciliation", "对账"),
];

/// The Chinese name of an action; an unknown code gets its family's name: `密码操作（password_x）`.
pub fn action_label(code: &str) -> String {
    if let Some(l) = enums::label(ACTIONS, code) {
        return l.to_string();
    }
    let family = FAMILIES
        .iter()
        .filter(|(prefix, _)| code.starts_with(prefix))
        .max_by_key(|(prefix, _)| prefix.len())
        .map_or("其他", |(_, l)| l);
    format!("{family}操作（{code}）")
}

pub fn target_label(code: &str) -> String {
    enums::label(TARGETS, code).map_or_else(|| code.to_string(), str::to_string)
}

/// An action code as a filter may name it (known or not, the same shape as the codes written).
pub fn is_action_code(code: &str) -> bool {
    (1..=64).contains(&code.len())
        && code
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_actions_read_in_chinese_and_unknown_ones_by_family() {
        assert_eq!(action_label("plan_confirm"), "计划确认完成");
        assert_eq!(
            action_label("password_sms_reset"),
            "密码操作（password_sms_reset）"
        );
        assert_eq!(
            action_label("plan_item_move"),
            "报考项目操作（plan_item_move）"
        );
        assert_eq!(action_label("zzz"), "其他操作（zzz）");
        assert_eq!(target_label("registration"), "报名");
    }

    #[test]
    fn every_action_is_named_once_and_is_a_valid_filter() {
        let mut codes: Vec<_> = ACTIONS.iter().map(|(c, _)| *c).collect();
        assert!(codes.iter().all(|c| is_action_code(c)));
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), ACTIONS.len());
        assert!(!is_action_code("plan'; drop"));
        assert!(!is_action_code(""));
    }
}
