//! The registration state machine in one place: every status a registration can have, every action that moves
//! it, and for each action the statuses it may start from, the status it leads to and who may take it. Every
//! handler that changes a registration's status asks `Action::rule` (conditional updates filter on `from`), so
//! this table is the whole story; `tests::the_whole_table` walks it.
use crate::error::AppError;
use serde::{Deserialize, Serialize};

/// A registration's status, stored as its snake_case name (the strings the database and the API have always
/// used).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, salvo::oapi::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// 待处理
    Pending,
    /// 退回修改
    Returned,
    /// 申请不通过
    Rejected,
    /// 申请通过
    Approved,
    /// 已提交申报
    Submitted,
    /// 成绩发布
    Scored,
    /// 已撤回
    Withdrawn,
}

impl Status {
    pub const ALL: [Status; 7] = [
        Status::Pending,
        Status::Returned,
        Status::Rejected,
        Status::Approved,
        Status::Submitted,
        Status::Scored,
        Status::Withdrawn,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            Status::Pending => "pending",
            Status::Returned => "returned",
            Status::Rejected => "rejected",
            Status::Approved => "approved",
            Status::Submitted => "submitted",
            Status::Scored => "scored",
            Status::Withdrawn => "withdrawn",
        }
    }

    pub const fn label(self) -> &'static str {
        match self {
            Status::Pending => "待处理",
            Status::Returned => "退回修改",
            Status::Rejected => "申请不通过",
            Status::Approved => "申请通过",
            Status::Submitted => "已提交申报",
            Status::Scored => "成绩发布",
            Status::Withdrawn => "已撤回",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|x| x.as_str() == s)
    }

    /// The label of a stored status string (the string itself if unknown).
    pub fn label_of(s: &str) -> &str {
        match Status::parse(s) {
            Some(x) => x.label(),
            None => s,
        }
    }
}

/// Who takes an action.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Actor {
    Candidate,
    Staff,
    /// The candidate online or the institution's staff entering for them.
    CandidateOrStaff,
}

/// Everything that changes a registration's status.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, salvo::oapi::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// 确认报名 of an item applied for before and withdrawn (a first application has no status to start from).
    Reapply,
    /// The candidate edits an application not yet decided.
    Edit,
    /// The candidate resubmits an application returned for correction.
    Resubmit,
    /// The candidate withdraws (an approved application only before 报名提交).
    Withdraw,
    /// 审核通过
    Approve,
    /// 退回修改
    Return,
    /// 审核不通过 (an approved one too, before 报名提交; a paid fee is then refunded)
    Reject,
    /// 准考证发布: the application goes to the centre as 已提交申报.
    Submit,
    /// 成绩发布
    PublishScores,
}

/// One row of the table.
#[derive(Debug, PartialEq, Eq)]
pub struct Rule {
    pub from: &'static [Status],
    pub to: Status,
    pub by: Actor,
}

use Status::*;

impl Action {
    pub const ALL: [Action; 9] = [
        Action::Reapply,
        Action::Edit,
        Action::Resubmit,
        Action::Withdraw,
        Action::Approve,
        Action::Return,
        Action::Reject,
        Action::Submit,
        Action::PublishScores,
    ];

    /// The table.
    pub const fn rule(self) -> Rule {
        let (from, to, by): (&'static [Status], Status, Actor) = match self {
            Action::Reapply => (&[Withdrawn], Pending, Actor::CandidateOrStaff),
            Action::Edit => (&[Pending], Pending, Actor::Candidate),
            Action::Resubmit => (&[Returned], Pending, Actor::Candidate),
            Action::Withdraw => (&[Pending, Returned, Approved], Withdrawn, Actor::Candidate),
            Action::Approve => (&[Pending], Approved, Actor::Staff),
            Action::Return => (&[Pending], Returned, Actor::Staff),
            Action::Reject => (&[Pending, Returned, Approved], Rejected, Actor::Staff),
            Action::Submit => (&[Approved], Submitted, Actor::Staff),
            Action::PublishScores => (&[Submitted], Scored, Actor::Staff),
        };
        Rule { from, to, by }
    }

    /// The name recorded in the registration's history (`registration_events.action`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Action::Reapply => "reapply",
            Action::Edit => "edit",
            Action::Resubmit => "resubmit",
            Action::Withdraw => "withdraw",
            Action::Approve => "approve",
            Action::Return => "return",
            Action::Reject => "reject",
            Action::Submit => "submit",
            Action::PublishScores => "publish_scores",
        }
    }

    /// The statuses the action may start from, as stored strings (for conditional updates).
    pub fn from_strs(self) -> Vec<&'static str> {
        self.rule().from.iter().map(|s| s.as_str()).collect()
    }

    /// Where the action leads from `from`, or the refusal with its code (nothing changes).
    pub fn apply(self, from: &str) -> Result<Status, AppError> {
        let rule = self.rule();
        match Status::parse(from) {
            Some(s) if rule.from.contains(&s) => Ok(rule.to),
            _ => Err(self.refusal(from)),
        }
    }

    /// The refusal of this action on a registration in status `from`.
    pub fn refusal(self, from: &str) -> AppError {
        let label = Status::label_of(from);
        match self.rule().by {
            Actor::Staff => AppError::conflict(
                "registration_not_reviewable",
                format!("报名状态为「{label}」，不能执行该审核操作"),
            ),
            _ => AppError::conflict(
                "registration_locked",
                format!("报名状态为「{label}」，不能再修改或撤回"),
            ),
        }
    }
}

/// Statuses in which the candidate may still edit the application.
pub const EDITABLE: [Status; 2] = [Pending, Returned];
/// Statuses with a printable application form (申请通过 and later).
pub const FORM_READY: [Status; 3] = [Approved, Submitted, Scored];
/// Statuses whose fee is due (and may be paid).
pub const PAYABLE: [Status; 2] = [Approved, Submitted];

/// Whether the stored status string is one of `set`.
pub fn is_in(status: &str, set: &[Status]) -> bool {
    Status::parse(status).is_some_and(|s| set.contains(&s))
}

/// The stored strings of `set` (for `is_in` filters).
pub fn strs(set: &[Status]) -> Vec<&'static str> {
    set.iter().map(|s| s.as_str()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_whole_table() {
        // Every (action, status) pair: allowed exactly when the table says so, refused with the actor's code.
        let mut allowed = 0;
        for a in Action::ALL {
            for s in Status::ALL {
                let r = a.apply(s.as_str());
                if a.rule().from.contains(&s) {
                    assert_eq!(r.ok(), Some(a.rule().to), "{a:?} from {s:?}");
                    allowed += 1;
                } else {
                    let code = r.err().map(|e| e.body().code);
                    let want = if a.rule().by == Actor::Staff {
                        "registration_not_reviewable"
                    } else {
                        "registration_locked"
                    };
                    assert_eq!(code.as_deref(), Some(want), "{a:?} from {s:?}");
                }
            }
            assert!(a.apply("no_such_status").is_err());
        }
        assert_eq!(allowed, 13, "the table has 13 legal transitions");
        // Nothing leaves a final status except a new application after a withdrawal.
        for end in [Rejected, Scored] {
            assert!(Action::ALL.iter().all(|a| !a.rule().from.contains(&end)));
        }
        assert_eq!(
            Action::ALL
                .iter()
                .filter(|a| a.rule().from.contains(&Withdrawn))
                .collect::<Vec<_>>(),
            [&Action::Reapply]
        );
    }

    #[test]
    fn names_round_trip_and_match_the_stored_strings() {
        for s in Status::ALL {
            assert_eq!(Status::parse(s.as_str()), Some(s));
            assert_eq!(
                serde_json::to_value(s).ok(),
                Some(serde_json::json!(s.as_str()))
            );
            assert_eq!(
                crate::domain::enums::label(
                    crate::domain::enums::REGISTRATION_STATUSES,
                    s.as_str()
                ),
                Some(s.label())
            );
        }
        for a in Action::ALL {
            assert_eq!(
                serde_json::to_value(a).ok(),
                Some(serde_json::json!(a.as_str()))
            );
        }
        assert!(serde_json::from_value::<Action>(serde_json::json!("delete")).is_err());
    }
}
