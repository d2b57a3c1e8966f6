//! Institutions, user accounts of every role, WeChat bindings and the audit trail.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Institutions::Table)
                .if_not_exists()
                .col(pk_auto(Institutions::Id))
                .col(string_uniq(Institutions::Code))
                .col(string(Institutions::Name))
                .col(timestamp_with_time_zone(Institutions::CreatedAt))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Users::Table)
                .if_not_exists()
                .col(pk_auto(Users::Id))
                .col(string(Users::Role))
                .col(string_uniq(Users::Login))
                .col(string(Users::Name))
                .col(string_null(Users::IdType))
                .col(string_null(Users::IdNumber))
                .col(string_null(Users::Mobile))
                .col(string(Users::PasswordHash))
                .col(boolean(Users::MustChangePassword))
                .col(integer_null(Users::InstitutionId))
                .col(boolean(Users::Disabled))
                .col(timestamp_with_time_zone(Users::CreatedAt))
                .col(timestamp_with_time_zone(Users::UpdatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_users_institution")
                        .from(Users::Table, Users::InstitutionId)
                        .to(Institutions::Table, Institutions::Id),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_users_role")
                .table(Users::Table)
                .col(Users::Role)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(WechatBindings::Table)
                .if_not_exists()
                .col(pk_auto(WechatBindings::Id))
                .col(integer(WechatBindings::UserId))
                .col(string(WechatBindings::AppId))
                .col(string(WechatBindings::Openid))
                .col(string_null(WechatBindings::Unionid))
                .col(timestamp_with_time_zone(WechatBindings::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_wechat_bindings_user")
                        .from(WechatBindings::Table, WechatBindings::UserId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        for (name, cols) in [
            (
                "uq_wechat_bindings_openid",
                [WechatBindings::AppId, WechatBindings::Openid],
            ),
            (
                "uq_wechat_bindings_user_app",
                [WechatBindings::UserId, WechatBindings::AppId],
            ),
        ] {
            let mut idx = Index::create();
            idx.name(name).table(WechatBindings::Table).unique();
            for c in cols {
                idx.col(c);
            }
            m.create_index(idx.to_owned()).await?;
        }
        m.create_table(
            Table::create()
                .table(AuditLogs::Table)
                .if_not_exists()
                .col(big_pk_auto(AuditLogs::Id))
                .col(integer_null(AuditLogs::ActorId))
                .col(string(AuditLogs::Action))
                .col(string(AuditLogs::TargetType))
                .col(string_null(AuditLogs::TargetId))
                .col(text_null(AuditLogs::Before))
                .col(text_null(AuditLogs::After))
                .col(string_null(AuditLogs::Ip))
                .col(timestamp_with_time_zone(AuditLogs::CreatedAt))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_audit_logs_target")
                .table(AuditLogs::Table)
                .col(AuditLogs::TargetType)
                .col(AuditLogs::TargetId)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(AuditLogs::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(WechatBindings::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(Users::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(Institutions::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Institutions {
    Table,
    Id,
    Code,
    Name,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    Role,
    Login,
    Name,
    IdType,
    IdNumber,
    Mobile,
    PasswordHash,
    MustChangePassword,
    InstitutionId,
    Disabled,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum WechatBindings {
    Table,
    Id,
    UserId,
    AppId,
    Openid,
    Unionid,
    CreatedAt,
}

#[derive(DeriveIden)]
enum AuditLogs {
    Table,
    Id,
    ActorId,
    Action,
    TargetType,
    TargetId,
    Before,
    After,
    Ip,
    CreatedAt,
}
