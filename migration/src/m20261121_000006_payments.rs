//! Fees and payments: WeChat Pay orders (one open order per registration), refunds, institutions' offline
//! remittances with the registrations they cover, and the stored results of the daily reconciliation.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

async fn index(
    m: &SchemaManager<'_>,
    name: &str,
    table: impl IntoIden,
    cols: &[&str],
    unique: bool,
) -> Result<(), DbErr> {
    let mut i = Index::create();
    i.name(name).table(table);
    for c in cols {
        i.col(Alias::new(*c));
    }
    if unique {
        i.unique();
    }
    m.create_index(i.to_owned()).await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(PayOrders::Table)
                .if_not_exists()
                .col(pk_auto(PayOrders::Id))
                .col(uuid(PayOrders::RegistrationId))
                .col(integer(PayOrders::UserId))
                .col(integer(PayOrders::PlanId))
                .col(integer(PayOrders::InstitutionId))
                .col(string(PayOrders::OutTradeNo))
                .col(string(PayOrders::AppId))
                .col(string(PayOrders::Channel))
                .col(string(PayOrders::Openid))
                .col(big_integer(PayOrders::AmountFen))
                .col(string(PayOrders::Description))
                .col(string(PayOrders::Attach))
                .col(string(PayOrders::Status))
                .col(string_null(PayOrders::PrepayId))
                .col(timestamp_with_time_zone_null(PayOrders::PrepayAt))
                .col(timestamp_with_time_zone(PayOrders::ExpiresAt))
                .col(string_null(PayOrders::TransactionId))
                .col(timestamp_with_time_zone_null(PayOrders::PaidAt))
                .col(string_null(PayOrders::PayerOpenid))
                .col(string_null(PayOrders::BankType))
                .col(boolean(PayOrders::Late))
                .col(timestamp_with_time_zone_null(PayOrders::ClosedAt))
                .col(timestamp_with_time_zone(PayOrders::CreatedAt))
                .col(timestamp_with_time_zone(PayOrders::UpdatedAt))
                .to_owned(),
        )
        .await?;
        index(
            m,
            "ux_pay_orders_out_trade_no",
            PayOrders::Table,
            &["out_trade_no"],
            true,
        )
        .await?;
        index(
            m,
            "ix_pay_orders_registration",
            PayOrders::Table,
            &["registration_id"],
            false,
        )
        .await?;
        index(
            m,
            "ix_pay_orders_status_expires",
            PayOrders::Table,
            &["status", "expires_at"],
            false,
        )
        .await?;
        index(
            m,
            "ix_pay_orders_transaction",
            PayOrders::Table,
            &["transaction_id"],
            false,
        )
        .await?;
        index(
            m,
            "ix_pay_orders_paid_at",
            PayOrders::Table,
            &["paid_at"],
            false,
        )
        .await?;
        // One open order per registration, whatever races: a partial unique index (same syntax in SQLite and
        // PostgreSQL).
        m.get_connection()
            .execute_unprepared(
                "CREATE UNIQUE INDEX ux_pay_orders_open ON pay_orders (registration_id) WHERE status = 'open'",
            )
            .await?;

        m.create_table(
            Table::create()
                .table(PayRefunds::Table)
                .if_not_exists()
                .col(pk_auto(PayRefunds::Id))
                .col(integer(PayRefunds::OrderId))
                .col(uuid(PayRefunds::RegistrationId))
                .col(string(PayRefunds::OutRefundNo))
                .col(string_null(PayRefunds::RefundId))
                .col(big_integer(PayRefunds::AmountFen))
                .col(big_integer(PayRefunds::TotalFen))
                .col(text(PayRefunds::Reason))
                .col(string(PayRefunds::Status))
                .col(integer_null(PayRefunds::InitiatedBy))
                .col(integer(PayRefunds::Attempts))
                .col(text_null(PayRefunds::LastError))
                .col(timestamp_with_time_zone_null(PayRefunds::SuccessAt))
                .col(timestamp_with_time_zone(PayRefunds::CreatedAt))
                .col(timestamp_with_time_zone(PayRefunds::UpdatedAt))
                .to_owned(),
        )
        .await?;
        index(
            m,
            "ux_pay_refunds_out_refund_no",
            PayRefunds::Table,
            &["out_refund_no"],
            true,
        )
        .await?;
        // At most one refund per order: a full refund is the only kind this product makes.
        index(
            m,
            "ux_pay_refunds_order",
            PayRefunds::Table,
            &["order_id"],
            true,
        )
        .await?;
        index(
            m,
            "ix_pay_refunds_status",
            PayRefunds::Table,
            &["status"],
            false,
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Remittances::Table)
                .if_not_exists()
                .col(pk_auto(Remittances::Id))
                .col(integer(Remittances::PlanId))
                .col(integer(Remittances::InstitutionId))
                .col(big_integer(Remittances::AmountFen))
                .col(string(Remittances::Payer))
                .col(string(Remittances::BankSerial))
                .col(date(Remittances::PaidOn))
                .col(text_null(Remittances::Note))
                .col(json(Remittances::Vouchers))
                .col(string(Remittances::Status))
                .col(text_null(Remittances::Reason))
                .col(integer(Remittances::CreatedBy))
                .col(integer_null(Remittances::ReviewedBy))
                .col(timestamp_with_time_zone_null(Remittances::ReviewedAt))
                .col(timestamp_with_time_zone(Remittances::CreatedAt))
                .col(timestamp_with_time_zone(Remittances::UpdatedAt))
                .to_owned(),
        )
        .await?;
        index(
            m,
            "ix_remittances_plan",
            Remittances::Table,
            &["plan_id"],
            false,
        )
        .await?;
        index(
            m,
            "ix_remittances_status",
            Remittances::Table,
            &["status"],
            false,
        )
        .await?;

        m.create_table(
            Table::create()
                .table(RemittanceItems::Table)
                .if_not_exists()
                .col(pk_auto(RemittanceItems::Id))
                .col(integer(RemittanceItems::RemittanceId))
                .col(uuid(RemittanceItems::RegistrationId))
                .col(big_integer(RemittanceItems::FeeFen))
                .to_owned(),
        )
        .await?;
        index(
            m,
            "ix_remittance_items_remittance",
            RemittanceItems::Table,
            &["remittance_id"],
            false,
        )
        .await?;
        index(
            m,
            "ix_remittance_items_registration",
            RemittanceItems::Table,
            &["registration_id"],
            false,
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Reconciliations::Table)
                .if_not_exists()
                .col(pk_auto(Reconciliations::Id))
                .col(date(Reconciliations::BillDate))
                .col(string(Reconciliations::Status))
                .col(text_null(Reconciliations::Message))
                .col(integer(Reconciliations::BillRows))
                .col(big_integer(Reconciliations::BillPaidFen))
                .col(big_integer(Reconciliations::BillRefundFen))
                .col(json(Reconciliations::Summary))
                .col(json(Reconciliations::Items))
                .col(integer_null(Reconciliations::RanBy))
                .col(timestamp_with_time_zone(Reconciliations::RanAt))
                .to_owned(),
        )
        .await?;
        index(
            m,
            "ux_reconciliations_date",
            Reconciliations::Table,
            &["bill_date"],
            true,
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            Reconciliations::Table.into_iden(),
            RemittanceItems::Table.into_iden(),
            Remittances::Table.into_iden(),
            PayRefunds::Table.into_iden(),
            PayOrders::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).if_exists().to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum PayOrders {
    Table,
    Id,
    RegistrationId,
    UserId,
    PlanId,
    InstitutionId,
    OutTradeNo,
    AppId,
    Channel,
    Openid,
    AmountFen,
    Description,
    Attach,
    Status,
    PrepayId,
    PrepayAt,
    ExpiresAt,
    TransactionId,
    PaidAt,
    PayerOpenid,
    BankType,
    Late,
    ClosedAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum PayRefunds {
    Table,
    Id,
    OrderId,
    RegistrationId,
    OutRefundNo,
    RefundId,
    AmountFen,
    TotalFen,
    Reason,
    Status,
    InitiatedBy,
    Attempts,
    LastError,
    SuccessAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Remittances {
    Table,
    Id,
    PlanId,
    InstitutionId,
    AmountFen,
    Payer,
    BankSerial,
    PaidOn,
    Note,
    Vouchers,
    Status,
    Reason,
    CreatedBy,
    ReviewedBy,
    ReviewedAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum RemittanceItems {
    Table,
    Id,
    RemittanceId,
    RegistrationId,
    FeeFen,
}

#[derive(DeriveIden)]
enum Reconciliations {
    Table,
    Id,
    BillDate,
    Status,
    Message,
    BillRows,
    BillPaidFen,
    BillRefundFen,
    Summary,
    Items,
    RanBy,
    RanAt,
}
