//! The one rule of what a registration's fee stands at, used by every view of money owed and paid: the
//! candidate's 去支付, the institution's 缴费 page, the centre's plan list, finance's 缴费总览 and the arrangement
//! gate. A fee is due while the registration is 申请通过/已提交申报 and its item has a fee; it is settled by a WeChat
//! payment (已支付) or a confirmed remittance (线下已确认); anything else owes — including a refund in progress or
//! done while the registration stays approved. A registration inside a pending remittance still owes, but is not
//! payable in WeChat: the institution's money is on its way.
use super::settle::{OWING, PAYABLE};
use crate::error::AppResult;
use entity::remittance_item;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use std::collections::HashSet;
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// No fee due (not approved, withdrawn, rejected, or a free item).
    NotDue,
    /// Paid in WeChat.
    PaidWechat,
    /// Covered by a confirmed remittance.
    Offline,
    /// Still owes.
    Owing,
}

/// What the fee of a registration (`status`, `payment_status`) with `fee_fen` stands at.
pub fn standing(status: &str, payment_status: &str, fee_fen: i64) -> Standing {
    if fee_fen <= 0 || !PAYABLE.contains(&status) {
        return Standing::NotDue;
    }
    match payment_status {
        "paid" => Standing::PaidWechat,
        "offline_confirmed" => Standing::Offline,
        _ => Standing::Owing,
    }
}

/// Whether the candidate may start a WeChat payment now: owes, no refund in progress, not inside a pending
/// remittance, before the payment deadline.
pub fn payable(
    status: &str,
    payment_status: &str,
    fee_fen: i64,
    in_remittance: bool,
    before_deadline: bool,
) -> bool {
    standing(status, payment_status, fee_fen) == Standing::Owing
        && OWING.contains(&payment_status)
        && !in_remittance
        && before_deadline
}

/// Why a registration that owes cannot be paid in WeChat while its institution's remittance is pending.
pub const IN_REMITTANCE: &str =
    "报名机构已为该报名登记线下汇款，正等待评价中心确认到账，无需在线支付";

/// Which of `ids` are covered by a pending remittance (one query).
pub async fn pending_covered(
    db: &impl ConnectionTrait,
    ids: Vec<Uuid>,
) -> AppResult<HashSet<Uuid>> {
    if ids.is_empty() {
        return Ok(HashSet::new());
    }
    Ok(remittance_item::Entity::find()
        .filter(remittance_item::Column::RegistrationId.is_in(ids))
        .filter(remittance_item::Column::Status.eq("pending"))
        .all(db)
        .await?
        .into_iter()
        .map(|i| i.registration_id)
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_approved_fee_bearing_registrations_owe() {
        assert_eq!(standing("pending", "unpaid", 100), Standing::NotDue);
        assert_eq!(
            standing("withdrawn", "offline_confirmed", 100),
            Standing::NotDue
        );
        assert_eq!(standing("approved", "unpaid", 0), Standing::NotDue);
        assert_eq!(standing("approved", "refunded", 100), Standing::Owing);
        assert_eq!(standing("submitted", "refunding", 100), Standing::Owing);
        assert_eq!(standing("approved", "paid", 100), Standing::PaidWechat);
        assert_eq!(
            standing("approved", "offline_confirmed", 100),
            Standing::Offline
        );
    }

    #[test]
    fn a_registration_in_a_pending_remittance_or_refunding_is_not_payable() {
        assert!(payable("approved", "unpaid", 100, false, true));
        assert!(payable("approved", "refunded", 100, false, true));
        assert!(!payable("approved", "unpaid", 100, true, true));
        assert!(!payable("approved", "refunding", 100, false, true));
        assert!(!payable("approved", "unpaid", 100, false, false));
    }
}
